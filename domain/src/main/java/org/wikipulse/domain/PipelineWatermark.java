package org.wikipulse.domain;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The pipeline watermark over an input's partitions: the minimum of the watermarks of the
 * partitions that are not idle, or, when every partition is idle, the maximum of all (nothing then
 * holds time back, so a wholly quiet input still closes its windows: Flink's rule); it never moves
 * back. A partition stops being idle when it is {@linkplain #observe observed} again.
 *
 * <p>Not thread-safe. Serializable, so that a runtime can ship or store it as it is.
 */
public final class PipelineWatermark implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] partitionWatermarks;
  private final boolean[] idle;
  private long current = Watermarks.NONE;

  /** A watermark over {@code partitions} partitions, none with data, none idle. */
  public PipelineWatermark(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("An input has at least one partition, was " + partitions);
    }
    this.partitionWatermarks = new long[partitions];
    Arrays.fill(partitionWatermarks, Watermarks.NONE);
    this.idle = new boolean[partitions];
  }

  public int partitions() {
    return partitionWatermarks.length;
  }

  /**
   * The partition has data: it is no longer idle, and its watermark is at least {@code
   * partitionWatermarkMs} (a partition's watermark never moves back either). Call {@link
   * #advance()} to let the pipeline watermark follow.
   */
  public void observe(int partition, long partitionWatermarkMs) {
    checkPartition(partition);
    idle[partition] = false;
    if (partitionWatermarkMs > partitionWatermarks[partition]) {
      partitionWatermarks[partition] = partitionWatermarkMs;
    }
  }

  /** The partition no longer holds the watermark back. Call {@link #advance()} after. */
  public void markIdle(int partition) {
    checkPartition(partition);
    idle[partition] = true;
  }

  /** Moves the pipeline watermark forward if the partitions allow it; true when it moved. */
  public boolean advance() {
    long minOfActive = Long.MAX_VALUE;
    long maxOfAll = Watermarks.NONE;
    boolean anyActive = false;
    for (int p = 0; p < partitionWatermarks.length; p++) {
      maxOfAll = Math.max(maxOfAll, partitionWatermarks[p]);
      if (!idle[p]) {
        anyActive = true;
        minOfActive = Math.min(minOfActive, partitionWatermarks[p]);
      }
    }
    long candidate = anyActive ? minOfActive : maxOfAll;
    if (candidate > current) {
      current = candidate;
      return true;
    }
    return false;
  }

  /** The pipeline watermark, {@link Watermarks#NONE} before it is known. */
  public long current() {
    return current;
  }

  public long partitionWatermark(int partition) {
    checkPartition(partition);
    return partitionWatermarks[partition];
  }

  public boolean isIdle(int partition) {
    checkPartition(partition);
    return idle[partition];
  }

  /**
   * Sets a partition's state as a runtime stored it, when it restores its state after a restart.
   */
  public void restore(int partition, long partitionWatermarkMs, boolean partitionIdle) {
    checkPartition(partition);
    partitionWatermarks[partition] = partitionWatermarkMs;
    idle[partition] = partitionIdle;
  }

  /** Sets the pipeline watermark as a runtime stored it, when it restores its state. */
  public void restoreCurrent(long watermarkMs) {
    current = watermarkMs;
  }

  private void checkPartition(int partition) {
    if (partition < 0 || partition >= partitionWatermarks.length) {
      throw new IllegalArgumentException(
          "Partition "
              + partition
              + " is not in [0, "
              + partitionWatermarks.length
              + "): was the input topic repartitioned under a running pipeline?");
    }
  }
}
