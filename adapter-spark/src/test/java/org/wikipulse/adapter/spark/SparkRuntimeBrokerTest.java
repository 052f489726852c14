package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.contract.kafka.GeneratedBacklog.BadRecordMaker;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.KafkaBrokerProcess;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The runtime on a real KRaft broker and registry: a generated 4-partition backlog, read in full
 * and with restarts from the checkpoint, gives the reference's rows.
 */
class SparkRuntimeBrokerTest {
  private static final int PARTITIONS = 4;
  private static final int EVENTS = 200_000;
  private static final int BAD_RECORDS = 20;
  private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);

  private static LocalStack stack;
  private static RegistrySettings registrySettings;
  private static String inputTopic;
  private static ReferenceResult expected;
  private static int inputRecords;

  @BeforeAll
  static void produceBacklog() {
    // Started first, so that the runtime reuses it rather than starting and stopping its own.
    SharedSpark.get();
    stack = SharedLocalStack.get();
    registrySettings = RegistrySettings.of(stack.registryUrl());
    long started = System.nanoTime();
    // Spread evenly over the partitions, which Spark's Kafka source reads in proportion: no event
    // is late in the reference (minimum over partitions) nor in Spark (maximum), so both must give
    // the same rows.
    GeneratedBacklog backlog =
        GeneratedBacklog.produce(
            stack.bootstrapServers(),
            registrySettings.connect(),
            "recentchange-spark-" + UUID.randomUUID(),
            new GeneratedBacklog.Recipe(
                PARTITIONS, EVENTS, BAD_RECORDS, 42, BadRecordMaker.tooShort(), false));
    inputTopic = backlog.topic();
    expected = backlog.expected();
    inputRecords = backlog.records();
    System.out.printf(
        "Produced %,d records to %d partitions in %d ms%n",
        inputRecords, PARTITIONS, (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Purpose: the whole pipeline, Kafka to Kafka, gives the reference's answer. Input: the 200,000
   * event backlog with 20 undecodable records, read in micro-batches of at most 100,000 records.
   * Pass: every reference row exactly once under its key, every bad record dead-lettered once, and
   * counters that add up.
   */
  @Test
  void aFourPartitionBacklogGivesTheReferenceRowsExactlyOnce(@TempDir Path stateDir)
      throws Exception {
    PipelineSpec spec = spec("backlog", stateDir, 100_000);
    long started = System.nanoTime();
    List<WindowCount> rows;
    try (RunningPipeline pipeline = start(spec)) {
      rows = awaitRows(spec, expected.rows().size());
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      System.out.printf(
          "Spark: %,d input records to %d rows in %d ms (%,.0f records/s, query start included)%n",
          inputRecords, rows.size(), elapsedMs, inputRecords * 1000.0 / elapsedMs);
      PipelineProgress progress =
          awaitProgress(pipeline, p -> p.windowsOut() == expected.rows().size());
      assertThat(progress.recordsIn()).isEqualTo(inputRecords);
      assertThat(progress.deadLettered()).isEqualTo(BAD_RECORDS);
      assertThat(progress.counted()).isEqualTo(expected.counted());
      assertThat(progress.droppedLate()).isZero();
    }
    assertThat(rows).hasSize(expected.rows().size());
    assertThat(rows.stream().sorted(WindowCount.ORDER).toList())
        .containsExactlyElementsOf(expected.sortedRows());
    List<ConsumerRecord<String, byte[]>> deadLetters =
        readAll(spec.sink().deadLetterTopic(), BAD_RECORDS);
    assertThat(deadLetters).hasSize(BAD_RECORDS);
    for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
      assertThat(deadLetter.value()).containsExactly(1, 2, 3);
      assertThat(header(deadLetter, DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo(DeadLetterReason.TRUNCATED_HEADER.name());
      assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(inputTopic);
    }
  }

  /**
   * Purpose: a query stopped mid-stream goes on from its checkpoint. Input: the same backlog in
   * micro-batches of at most 25,000 records, the query stopped twice after about a third of it.
   * Pass: the final keyed output (last value per key) equals the reference's rows, no key missing
   * and none extra; every bad record has a dead letter (the Kafka sink is at-least-once, so a batch
   * cut short may be written again).
   */
  @Test
  void stoppingAndRestartingTwiceMidStreamLosesNothing(@TempDir Path stateDir) throws Exception {
    PipelineSpec spec = spec("restarts", stateDir, 25_000);
    for (int run = 1; run <= 2; run++) {
      try (RunningPipeline pipeline = start(spec)) {
        awaitProgress(pipeline, p -> p.recordsIn() >= inputRecords / 3);
        System.out.printf("Run %d stopped after %s%n", run, pipeline.progress());
      }
    }
    Map<String, WindowCount> finalByKey = new HashMap<>();
    try (RunningPipeline pipeline = start(spec)) {
      List<ConsumerRecord<String, byte[]>> records =
          readUntil(spec.sink().topic(), all -> distinctKeys(all) >= expected.rows().size());
      System.out.printf("Last run: %s; %d output records%n", pipeline.progress(), records.size());
      SchemaRegistry registry = registrySettings.connect();
      for (ConsumerRecord<String, byte[]> record : records) {
        finalByKey.put(record.key(), EditCountRecords.decode(record.value(), registry));
      }
    }
    assertThat(finalByKey.values().stream().sorted(WindowCount.ORDER).toList())
        .containsExactlyElementsOf(expected.sortedRows());
    Set<String> deadLetterOffsets = new HashSet<>();
    for (ConsumerRecord<String, byte[]> deadLetter :
        readAll(spec.sink().deadLetterTopic(), BAD_RECORDS)) {
      deadLetterOffsets.add(
          header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION)
              + "@"
              + header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET));
    }
    assertThat(deadLetterOffsets).hasSize(BAD_RECORDS);
  }

  /**
   * Purpose: the Kafka client settings reach every client of the query: the source, the sink, the
   * dead-letter producer and the topic setup. Input: the backlog read and written through the
   * broker's SASL/PLAIN listener, logging in with the client settings. Pass: the reference's rows,
   * and every bad record dead-lettered.
   */
  @Test
  void throughASaslListenerTheAnswerIsTheSame(@TempDir Path stateDir) {
    PipelineSpec spec =
        spec(
            "sasl",
            stateDir,
            100_000,
            stack.saslPlainBootstrapServers(),
            KafkaBrokerProcess.saslPlainClientProperties());
    List<WindowCount> rows;
    try (RunningPipeline pipeline = start(spec)) {
      rows = awaitRows(spec, expected.rows().size());
    }
    assertThat(rows.stream().sorted(WindowCount.ORDER).toList())
        .containsExactlyElementsOf(expected.sortedRows());
    assertThat(readAll(spec.sink().deadLetterTopic(), BAD_RECORDS)).hasSize(BAD_RECORDS);
  }

  /** Purpose: the launcher finds this runtime by name. Pass: ServiceLoader lists "spark". */
  @Test
  void registeredAsAServiceNamedSpark() {
    assertThat(ServiceLoader.load(AnalysisRuntime.class).stream().map(p -> p.get().name()))
        .contains("spark");
  }

  private static RunningPipeline start(PipelineSpec spec) {
    return new SparkRuntime()
        .start(spec, new ConfluentWireCodecs(registrySettings, spec.sink().valueSubject()));
  }

  private static PipelineSpec spec(String purpose, Path stateDir, int maxOffsetsPerTrigger) {
    return spec(purpose, stateDir, maxOffsetsPerTrigger, stack.bootstrapServers(), Map.of());
  }

  /** A pipeline on the shared backlog, through the given listener with those client settings. */
  private static PipelineSpec spec(
      String purpose,
      Path stateDir,
      int maxOffsetsPerTrigger,
      String bootstrapServers,
      Map<String, String> kafkaClientProperties) {
    String id = "spark-" + purpose + "-" + UUID.randomUUID();
    return new PipelineSpec(
        id,
        new KafkaSource(bootstrapServers, inputTopic, KafkaSource.StartingOffsets.EARLIEST),
        new KafkaSink(bootstrapServers, id + "-out", id + "-dlq", id + "-out-value"),
        WindowSpec.DEFAULT,
        Duration.ofSeconds(60),
        stateDir,
        Map.of(SparkRuntime.MAX_OFFSETS_PER_TRIGGER, Integer.toString(maxOffsetsPerTrigger)),
        kafkaClientProperties);
  }

  private static PipelineProgress awaitProgress(
      RunningPipeline pipeline, Predicate<PipelineProgress> condition) throws InterruptedException {
    long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
    while (!condition.test(pipeline.progress())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Only " + pipeline.progress() + " within " + RESULT_TIMEOUT);
      }
      Thread.sleep(20);
    }
    return pipeline.progress();
  }

  /** Reads the output until it has the expected number of rows, checking no key repeats. */
  private static List<WindowCount> awaitRows(PipelineSpec spec, int count) {
    List<ConsumerRecord<String, byte[]>> records = readAll(spec.sink().topic(), count);
    SchemaRegistry registry = registrySettings.connect();
    Set<String> keys = new HashSet<>();
    List<WindowCount> rows = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      assertThat(keys.add(record.key())).as("key %s written once", record.key()).isTrue();
      rows.add(EditCountRecords.decode(record.value(), registry));
    }
    return rows;
  }

  private static long distinctKeys(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(ConsumerRecord::key).distinct().count();
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int count) {
    return KafkaTestClients.readAtLeast(stack.bootstrapServers(), topic, count, RESULT_TIMEOUT);
  }

  private static List<ConsumerRecord<String, byte[]>> readUntil(
      String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    return KafkaTestClients.readUntil(stack.bootstrapServers(), topic, RESULT_TIMEOUT, done);
  }

  private static String header(ConsumerRecord<?, ?> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
