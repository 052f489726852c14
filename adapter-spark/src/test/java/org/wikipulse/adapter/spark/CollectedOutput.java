package org.wikipulse.adapter.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link BatchOutput} in memory: each commit is kept whole (rows, dead letters, the state as the
 * bytes a Kafka state topic would hold), so a test can restart a query on it and count what was
 * written, batch by batch. The input records it is told of ({@link #fed}) stand for the input
 * topic, which the Kafka output copies undecodable records from.
 */
final class CollectedOutput implements BatchOutput {
  /** What one commit wrote: its rows, then its dead letters (undecodable, then late). */
  record Commit(long batchId, List<Row> rows, List<DeadLetter> deadLetters) {}

  private final List<Commit> commits = new ArrayList<>();
  private final Map<String, KafkaRecord> input = new HashMap<>();
  private byte[] state;

  /** Records as they are fed to the query, so that undecodable ones can be copied. */
  synchronized void fed(List<KafkaRecord> records) {
    records.forEach(
        record -> input.put(where(record.topic(), record.partition(), record.offset()), record));
  }

  @Override
  public synchronized Optional<PipelineState> resume() {
    return state == null ? Optional.empty() : Optional.of(PipelineState.fromBytes(state));
  }

  @Override
  public synchronized void commit(
      List<Row> rows, List<RejectedRecord> rejected, List<DeadLetter> late, PipelineState at) {
    List<DeadLetter> deadLetters = new ArrayList<>();
    for (RejectedRecord record : rejected) {
      KafkaRecord source = input.get(where(record.topic(), record.partition(), record.offset()));
      if (source == null) {
        throw new AssertionError("Rejected a record that was never fed: " + record);
      }
      deadLetters.add(record.deadLetter(sourceOf(source)));
    }
    deadLetters.addAll(late);
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

  /** Every dead letter committed so far, in order. */
  synchronized List<DeadLetter> deadLetters() {
    return commits.stream().flatMap(commit -> commit.deadLetters().stream()).toList();
  }

  private static String where(String topic, int partition, long offset) {
    return topic + "/" + partition + "@" + offset;
  }

  private static SourceRecord sourceOf(KafkaRecord record) {
    return new SourceRecord(
        record.key(),
        record.value(),
        record.topic(),
        record.partition(),
        record.offset(),
        record.headers().stream()
            .map(header -> new DeadLetter.Header(header.key(), header.value()))
            .toList());
  }

  @Override
  public void close() {}
}
