package org.wikipulse.adapter.spark;

import java.util.List;
import java.util.Optional;

/**
 * Where the driver writes each micro-batch: its rows, its dead letters and the pipeline state after
 * it, all or nothing, so that a batch Spark runs again after a crash is recognised by the batch id
 * in the committed state.
 */
interface BatchOutput extends AutoCloseable {

  /** One output record. */
  record Row(byte[] key, byte[] value) {}

  /**
   * The state committed last, if any. Called once, before the first batch; a runtime that fences
   * earlier writers does so here, so that nothing they left open is read or written after.
   */
  Optional<PipelineState> resume() throws InterruptedException;

  /**
   * Writes the batch atomically: rows, dead letters and the state, or nothing.
   *
   * @param rejected the batch's undecodable records, in offset order per input partition: the
   *     output copies each from the input as its dead letter, so that their bytes never gather in
   *     the driver
   * @param late the batch's late dead letters
   * @throws InterruptedException when the query is stopped meanwhile; nothing is committed
   */
  void commit(
      List<Row> rows, List<RejectedRecord> rejected, List<DeadLetter> late, PipelineState state)
      throws InterruptedException;

  @Override
  void close();
}
