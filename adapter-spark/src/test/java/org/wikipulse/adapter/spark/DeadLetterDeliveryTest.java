package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wikipulse.adapter.spark.TestEvents.canary;
import static org.wikipulse.adapter.spark.TestEvents.human;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;

/**
 * Dead letters of undecodable records are written by the driver, copied from the input into the
 * batch's transaction with its rows and state: a batch that does not commit writes none of them,
 * and the batch that runs again writes each once.
 */
class DeadLetterDeliveryTest {

  /**
   * Purpose: the tasks' undecodable records reach the output in their batch's commit, not on their
   * own. Input: one batch of valid edits, two bad records and a canary far ahead. Pass: exactly one
   * commit, holding the batch's rows and both dead letters, each with the record's key and value.
   */
  @Test
  void deadLettersCommitWithTheRowsOfTheirBatch() {
    Pipeline pipeline = new Pipeline(new CollectedOutput());
    List<KafkaRecord> batch = new ArrayList<>(pipeline.feed.records(human(10), human(20)));
    KafkaRecord tooShort = pipeline.feed.raw(0, new byte[] {9, 9, 9});
    KafkaRecord empty = pipeline.feed.raw(0, new byte[0]);
    batch.add(tooShort);
    batch.add(empty);
    batch.addAll(pipeline.feed.records(canary(10_000)));

    try (MemoryStreamQuery query = pipeline.query(null)) {
      pipeline.output.fed(batch);
      query.feed(batch);
    }
    List<CollectedOutput.Commit> commits = pipeline.output.commits();
    assertThat(commits).hasSize(1);
    assertThat(commits.get(0).rows()).isNotEmpty();
    assertThat(commits.get(0).deadLetters())
        .extracting(DeadLetter::key, DeadLetter::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(tooShort.key(), tooShort.value()),
            org.assertj.core.groups.Tuple.tuple(empty.key(), empty.value()));
  }

  /**
   * Purpose: a batch whose transaction fails writes its dead letters once, when it runs again.
   * Input: one batch with a bad record into an output whose first commit fails (a broker that
   * rejects the transaction), then the query started again on its checkpoint. Pass: the first run
   * fails and commits nothing; the second runs the batch again and commits its one dead letter.
   */
  @Test
  void aBatchWhoseTransactionFailsWritesItsDeadLetterOnceWhenItRunsAgain(@TempDir Path checkpoint) {
    CollectedOutput collected = new CollectedOutput();
    FailingFirstCommit output = new FailingFirstCommit(collected);
    Pipeline pipeline = new Pipeline(output);
    List<KafkaRecord> batch = new ArrayList<>(pipeline.feed.records(human(10)));
    batch.add(pipeline.feed.raw(0, new byte[] {9, 9, 9}));
    batch.addAll(pipeline.feed.records(canary(10_000)));
    collected.fed(batch);

    try (MemoryStreamQuery query = pipeline.query(checkpoint)) {
      assertThatThrownBy(() -> query.feed(batch)).hasStackTraceContaining("transaction aborted");
      assertThat(query.query().isActive()).isFalse();
      assertThat(collected.commits()).isEmpty();

      query.start(pipeline.newMerge(), checkpoint);
      query.query().processAllAvailable();
    }
    assertThat(collected.commits()).hasSize(1);
    assertThat(collected.deadLetters()).hasSize(1);
    assertThat(collected.rows()).isNotEmpty();
  }

  /**
   * Purpose: the driver reads undecodable records back from the input topic by offset, however far
   * apart, and a record the input has lost still gets its dead letter. Input: 1,200 records in one
   * partition, the first 10 deleted; offsets 3 (deleted), 20, 21, 700 (sought ahead) and 1,199
   * asked for. Pass: five dead letters in order, four with the record's key, value and headers, the
   * deleted one without key and value and saying why.
   */
  @Test
  void theInputReaderCopiesRejectedRecordsByOffsetAndNamesOneTheInputLost() throws Exception {
    LocalStack stack = SharedLocalStack.get();
    String topic = "spark-input-reader-" + UUID.randomUUID();
    KafkaTestClients.createTopic(stack.bootstrapServers(), topic, 1);
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaTestClients.producer(stack.bootstrapServers())) {
      for (int i = 0; i < 1_200; i++) {
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(topic, 0, bytes("k" + i), bytes("v" + i));
        record.headers().add("n", bytes(Integer.toString(i)));
        producer.send(record);
      }
      producer.flush();
    }
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      admin
          .deleteRecords(
              Map.of(
                  new org.apache.kafka.common.TopicPartition(topic, 0),
                  RecordsToDelete.beforeOffset(10)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    List<RejectedRecord> wanted =
        List.of(3L, 20L, 21L, 700L, 1_199L).stream()
            .map(
                offset ->
                    new RejectedRecord(topic, 0, offset, DeadLetterReason.BAD_MAGIC_BYTE, "bad"))
            .toList();
    List<DeadLetter> deadLetters = new ArrayList<>();
    try (InputRecordReader reader =
        new InputRecordReader(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      reader.deadLettersOf(wanted, deadLetters::add);
    }

    assertThat(deadLetters).hasSize(5);
    assertThat(deadLetters.get(0).key()).isNull();
    assertThat(deadLetters.get(0).value()).isNull();
    assertThat(header(deadLetters.get(0), DeadLetterHeaders.ERROR_MESSAGE))
        .startsWith("bad (the record was removed from the input");
    assertThat(header(deadLetters.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("3");
    int[] copied = {20, 21, 700, 1_199};
    for (int i = 0; i < copied.length; i++) {
      DeadLetter deadLetter = deadLetters.get(i + 1);
      assertThat(deadLetter.key()).isEqualTo(bytes("k" + copied[i]));
      assertThat(deadLetter.value()).isEqualTo(bytes("v" + copied[i]));
      assertThat(header(deadLetter, "n")).isEqualTo(Integer.toString(copied[i]));
      assertThat(header(deadLetter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("BAD_MAGIC_BYTE");
      assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET))
          .isEqualTo(Integer.toString(copied[i]));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(DeadLetter deadLetter, String key) {
    return deadLetter.headers().stream()
        .filter(header -> header.key().equals(key))
        .map(header -> new String(header.value(), StandardCharsets.UTF_8))
        .reduce((first, last) -> last)
        .orElse(null);
  }

  /** A one-partition pipeline on an in-memory registry, over the given output. */
  private static final class Pipeline {
    final CollectedOutput output;
    final EventFeed feed;
    private final BatchOutput batchOutput;
    private final WireCodecs codecs;

    Pipeline(BatchOutput batchOutput) {
      String registryName = "spark-dead-letter-test-" + UUID.randomUUID();
      this.batchOutput = batchOutput;
      this.output = batchOutput instanceof CollectedOutput c ? c : null;
      this.codecs =
          new ConfluentWireCodecs(new InMemoryRegistryConnector(registryName), "out-value");
      this.feed = new EventFeed(InMemorySchemaRegistry.named(registryName), "in");
    }

    BatchMerge newMerge() {
      return new BatchMerge(
          new BatchMerge.Settings(WindowSpec.DEFAULT, 1, Duration.ofSeconds(30), LateEvents.COUNT),
          codecs,
          batchOutput,
          new ManualClock(),
          new ProgressCounters());
    }

    MemoryStreamQuery query(Path checkpoint) {
      return new MemoryStreamQuery(SharedSpark.newSession(), newMerge(), checkpoint);
    }
  }
}
