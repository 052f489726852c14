package org.wikipulse.adapter.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link BatchOutput} in memory: each commit is kept whole (rows, dead letters, the state as the
 * bytes a Kafka state topic would hold), so a test can restart a query on it and count what was
 * written, batch by batch.
 */
final class CollectedOutput implements BatchOutput {
  /** What one commit wrote. */
  record Commit(long batchId, List<Row> rows, List<DeadLetter> deadLetters) {}

  private final List<Commit> commits = new ArrayList<>();
  private byte[] state;

  @Override
  public synchronized Optional<PipelineState> resume() {
    return state == null ? Optional.empty() : Optional.of(PipelineState.fromBytes(state));
  }

  @Override
  public synchronized void commit(List<Row> rows, List<DeadLetter> deadLetters, PipelineState at) {
    state = at.toBytes();
    commits.add(new Commit(at.lastBatchId, List.copyOf(rows), List.copyOf(deadLetters)));
  }

  synchronized List<Commit> commits() {
    return List.copyOf(commits);
  }

  /** Every row committed so far, in order. */
  synchronized List<Row> rows() {
    return commits.stream().flatMap(commit -> commit.rows().stream()).toList();
  }

  /** Every dead letter committed so far (the late ones), in order. */
  synchronized List<DeadLetter> deadLetters() {
    return commits.stream().flatMap(commit -> commit.deadLetters().stream()).toList();
  }

  @Override
  public void close() {}
}
