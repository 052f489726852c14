package org.wikipulse.domain;

/**
 * The watermark rules of {@link ReferenceAnalysis}, in epoch milliseconds, for every runtime to
 * call: a partition's watermark, and when a window is closed. The pipeline watermark over
 * partitions is {@link PipelineWatermark}. Minus infinity is {@link #NONE}.
 */
public final class Watermarks {
  /** Minus infinity: the watermark of a partition without data. */
  public static final long NONE = Long.MIN_VALUE;

  private Watermarks() {}

  /**
   * A partition's watermark, {@code maxEventMs - latenessMs}; {@link #NONE} before the partition
   * has data, and when the subtraction would overflow (an event time near the minimum instant).
   */
  public static long ofPartition(long maxEventMs, long latenessMs) {
    if (maxEventMs == NONE) {
      return NONE;
    }
    long result = maxEventMs - latenessMs;
    return ((maxEventMs ^ latenessMs) & (maxEventMs ^ result)) < 0 ? NONE : result;
  }

  /** Whether a window ending at {@code windowEndMs} is closed under the watermark. */
  public static boolean isClosed(long windowEndMs, long watermarkMs) {
    return windowEndMs <= watermarkMs;
  }

  /**
   * Which slide the watermark is in. Window ends are multiples of the slide, so whether any window
   * is closed depends only on this number: a stage that reports its watermark to another needs to
   * do so only when it changes.
   */
  public static long slideOf(long watermarkMs, long slideMs) {
    return watermarkMs == NONE ? NONE : Math.floorDiv(watermarkMs, slideMs);
  }
}
