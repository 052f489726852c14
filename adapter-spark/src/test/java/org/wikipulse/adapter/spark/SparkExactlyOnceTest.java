package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.contract.broker.BrokerFixture;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.contract.kafka.GeneratedBacklog.BadRecordMaker;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Exactly-once output on a real broker: each micro-batch's rows, dead letters and pipeline state
 * commit in one Kafka transaction, so a read_committed reader sees every (window, actor) key and
 * every bad record's dead letter once, across restarts and replayed batches.
 */
class SparkExactlyOnceTest {
  private static final int PARTITIONS = 4;
  private static final int EVENTS = 20_000;
  private static final int BAD_RECORDS = 30;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static LocalStack stack;
  private static RegistrySettings registrySettings;
  private static String inputTopic;
  private static ReferenceResult expected;
  private static int inputRecords;
  private static Map<String, byte[]> inputValues;

  @BeforeAll
  static void produceBacklog() {
    SharedSpark.get();
    stack = SharedLocalStack.get();
    registrySettings = RegistrySettings.of(stack.registryUrl());
    GeneratedBacklog backlog =
        GeneratedBacklog.produce(
            stack.bootstrapServers(),
            registrySettings.connect(),
            "recentchange-spark-eos-" + UUID.randomUUID(),
            new GeneratedBacklog.Recipe(
                PARTITIONS, EVENTS, BAD_RECORDS, 7, BadRecordMaker.eachKind(), false));
    inputTopic = backlog.topic();
    expected = backlog.expected();
    inputRecords = backlog.records();
    inputValues = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record :
        KafkaTestClients.readAtLeast(stack.bootstrapServers(), inputTopic, inputRecords, TIMEOUT)) {
      inputValues.put(record.partition() + "@" + record.offset(), record.value());
    }
  }

  /**
   * Purpose: a micro-batch that Spark runs again after a crash between the output's commit and
   * Spark's own commit log is recognised and skipped. Input: the backlog in batches of at most
   * 5,000 records; the query stopped once every row is out; the last batch's entry removed from the
   * checkpoint's commit log (what a crash between the two commits leaves); the query started again.
   * Pass: Spark runs that batch again, and the pipeline reads nothing in it; a read_committed
   * reader sees every reference row under its key exactly once, and each bad record's dead letter
   * once.
   */
  @Test
  void aBatchReplayedAfterACrashBeforeSparksCommitWritesNothingTwice(@TempDir Path stateDir)
      throws Exception {
    PipelineSpec spec = spec("replay", stateDir, 5_000);
    try (RunningPipeline pipeline = start(spec)) {
      awaitProgress(pipeline, p -> p.windowsOut() == expected.rows().size());
    }
    // The stop may come after the last batch's transaction and before Spark's commit log entry
    // (then Spark runs that batch again anyway); otherwise the entry is removed here.
    Path checkpoint = Path.of(SparkRuntime.checkpointOf(spec));
    long lastBatch = lastBatchIn(checkpoint.resolve("offsets"));
    Path commits = checkpoint.resolve("commits");
    Files.deleteIfExists(commits.resolve(Long.toString(lastBatch)));
    Files.deleteIfExists(commits.resolve("." + lastBatch + ".crc"));

    try (RunningPipeline pipeline = start(spec)) {
      awaitFile(commits.resolve(Long.toString(lastBatch)));
      assertThat(pipeline.progress()).isEqualTo(PipelineProgress.NONE);
    }
    assertEachKeyOnceWithTheReferenceRows(spec);
    assertEachBadRecordDeadLetteredOnce(spec);
  }

  /**
   * Purpose: a stopped query goes on from the committed state without writing anything twice.
   * Input: the backlog in batches of at most 2,000 records, the query stopped twice part way and
   * started again. Pass: a read_committed reader sees every reference row under its key exactly
   * once and each bad record's dead letter once, and the runs together read every record once.
   */
  @Test
  void restartsMidStreamWriteEveryRowExactlyOnce(@TempDir Path stateDir) throws Exception {
    PipelineSpec spec = spec("restarts", stateDir, 2_000);
    long read = 0;
    for (int run = 1; run <= 3; run++) {
      long before = read;
      long target = run == 3 ? inputRecords : (long) run * inputRecords / 3;
      RunningPipeline pipeline = start(spec);
      try {
        awaitProgress(pipeline, p -> p.recordsIn() + before >= target);
      } finally {
        pipeline.close();
      }
      // Taken after the stop: a batch committed while stopping counts in this run.
      read += pipeline.progress().recordsIn();
    }
    assertThat(read).isEqualTo(inputRecords);
    assertEachKeyOnceWithTheReferenceRows(spec);
    assertEachBadRecordDeadLetteredOnce(spec);
  }

  /** Each bad record's dead letter once, carrying the record's value as the input holds it. */
  private static void assertEachBadRecordDeadLetteredOnce(PipelineSpec spec) {
    List<ConsumerRecord<String, byte[]>> deadLetters =
        KafkaTestClients.readAtLeast(
            stack.bootstrapServers(), spec.sink().deadLetterTopic(), BAD_RECORDS, TIMEOUT);
    assertThat(deadLetters).hasSize(BAD_RECORDS);
    Map<String, Integer> perSource = new HashMap<>();
    for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
      String source =
          BrokerFixture.header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION)
              + "@"
              + BrokerFixture.header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET);
      perSource.merge(source, 1, Integer::sum);
      assertThat(inputValues).as("input record %s", source).containsKey(source);
      assertThat(deadLetter.value()).as(source).isEqualTo(inputValues.get(source));
    }
    assertThat(perSource).hasSize(BAD_RECORDS).allSatisfy((source, n) -> assertThat(n).isOne());
  }

  private static void assertEachKeyOnceWithTheReferenceRows(PipelineSpec spec) {
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestClients.readAtLeast(
            stack.bootstrapServers(), spec.sink().topic(), expected.rows().size(), TIMEOUT);
    Map<String, Integer> perKey = new HashMap<>();
    SchemaRegistry registry = registrySettings.connect();
    List<WindowCount> rows =
        records.stream()
            .peek(record -> perKey.merge(record.key(), 1, Integer::sum))
            .map(record -> EditCountRecords.decode(record.value(), registry))
            .sorted(WindowCount.ORDER)
            .toList();
    assertThat(perKey).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    assertThat(rows).containsExactlyElementsOf(expected.sortedRows());
  }

  private static long lastBatchIn(Path log) throws IOException {
    try (Stream<Path> files = Files.list(log)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.matches("\\d+"))
          .mapToLong(Long::parseLong)
          .max()
          .orElseThrow(() -> new AssertionError("No batch in " + log));
    }
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Spark did not run the batch again: no " + file + " in " + TIMEOUT);
      }
      Thread.sleep(50);
    }
  }

  private static PipelineProgress awaitProgress(
      RunningPipeline pipeline, Predicate<PipelineProgress> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.test(pipeline.progress())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Only " + pipeline.progress() + " within " + TIMEOUT);
      }
      if (pipeline.awaitTermination(Duration.ofMillis(20))) {
        throw new AssertionError("The pipeline stopped with only " + pipeline.progress());
      }
    }
    return pipeline.progress();
  }

  private static RunningPipeline start(PipelineSpec spec) {
    return new SparkRuntime()
        .start(spec, new ConfluentWireCodecs(registrySettings, spec.sink().valueSubject()));
  }

  private static PipelineSpec spec(String purpose, Path stateDir, int maxOffsetsPerTrigger) {
    String id = "spark-eos-" + purpose + "-" + UUID.randomUUID();
    return new PipelineSpec(
        id,
        new KafkaSource(stack.bootstrapServers(), inputTopic, KafkaSource.StartingOffsets.EARLIEST),
        new KafkaSink(stack.bootstrapServers(), id + "-out", id + "-dlq", id + "-out-value"),
        WindowSpec.DEFAULT,
        Duration.ofSeconds(60),
        stateDir,
        Map.of(SparkRuntime.MAX_OFFSETS_PER_TRIGGER, Integer.toString(maxOffsetsPerTrigger)),
        Map.of());
  }
}
