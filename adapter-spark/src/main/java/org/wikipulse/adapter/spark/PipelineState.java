package org.wikipulse.adapter.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.wikipulse.domain.MergeStage;
import org.wikipulse.domain.PartitionStage;
import org.wikipulse.domain.WindowSpec;

/**
 * What the driver carries from one micro-batch to the next and commits with each batch's output:
 * the last batch written, every input partition's stage, and the merge. It is small (open windows
 * only) and is stored whole.
 *
 * <p>Stored with Java serialization, read back through a filter that admits only these classes and
 * the JDK's: the state topic is the query's own, and the filter keeps anything else out.
 */
final class PipelineState implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No batch written yet. */
  static final long NO_BATCH = -1;

  private static final ObjectInputFilter ONLY_STATE =
      ObjectInputFilter.Config.createFilter(
          "org.wikipulse.adapter.spark.PipelineState;org.wikipulse.domain.*;java.**;!*");

  /** Spark's id of the query (kept across restarts by its checkpoint), null when unknown. */
  final String queryId;

  final WindowSpec windows;
  final Map<Integer, PartitionStage> stages;
  final MergeStage merge;
  long lastBatchId = NO_BATCH;

  PipelineState(String queryId, WindowSpec windows, int partitions) {
    this.queryId = queryId;
    this.windows = windows;
    this.stages = new HashMap<>();
    this.merge = new MergeStage(windows, partitions);
  }

  /** The stage of an input partition, new if it has had no data yet. */
  PartitionStage stage(int source) {
    return stages.computeIfAbsent(source, s -> new PartitionStage(s, windows));
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(this);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialize the pipeline state", e);
    }
    return bytes.toByteArray();
  }

  static PipelineState fromBytes(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(ONLY_STATE);
      return (PipelineState) in.readObject();
    } catch (InvalidClassException e) {
      throw new IllegalStateException(
          "The committed pipeline state was written by another version of wikipulse ("
              + e.getMessage()
              + "): start with a new application id or state directory",
          e);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("Cannot read the committed pipeline state", e);
    }
  }
}
