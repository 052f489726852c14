package org.wikipulse.adapter.spark;

import java.util.List;
import java.util.Optional;

/**
 * A {@link CollectedOutput} whose first transaction fails, as one a broker aborts or an outage
 * times out: that commit writes nothing and throws; the later ones are the collected output's.
 */
final class FailingFirstCommit implements BatchOutput {
  private final CollectedOutput output;
  private boolean failed;

  FailingFirstCommit(CollectedOutput output) {
    this.output = output;
  }

  @Override
  public Optional<PipelineState> resume() {
    return output.resume();
  }

  @Override
  public synchronized void commit(
      List<Row> rows, List<RejectedRecord> rejected, List<DeadLetter> late, PipelineState state) {
    if (!failed) {
      failed = true;
      throw new IllegalStateException("Cannot write batch: transaction aborted by the broker");
    }
    output.commit(rows, rejected, late, state);
  }

  @Override
  public void close() {}
}
