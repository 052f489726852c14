package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.AvroSchemas;
import org.wikipulse.adapter.registry.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.EditCountRecords;
import org.wikipulse.adapter.registry.RecentChangeGenerator;
import org.wikipulse.adapter.registry.RecentChangeRecords;
import org.wikipulse.adapter.registry.RecentChangeWriter;
import org.wikipulse.adapter.registry.RegistrySettings;
import org.wikipulse.domain.ReferenceInput;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
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
  static void produceBacklog() throws Exception {
    // Started first, so that the runtime reuses it rather than starting and stopping its own.
    SharedSpark.get();
    stack = SharedLocalStack.get();
    registrySettings = RegistrySettings.of(stack.registryUrl());
    inputTopic = "recentchange-spark-" + UUID.randomUUID();
    try (Admin admin = Admin.create(adminProps())) {
      admin.createTopics(List.of(new NewTopic(inputTopic, PARTITIONS, (short) 1))).all().get();
    }
    RecentChangeWriter writer =
        new RecentChangeWriter(
            registrySettings.connect(), inputTopic + "-value", AvroSchemas.RECENT_CHANGE);
    // Out of order by up to 50 s, within the 60 s lateness, and spread evenly over the partitions,
    // which Spark's Kafka source reads in proportion: no event is late in the reference (minimum
    // over partitions) nor in Spark (maximum), so both must give the same rows.
    RecentChangeGenerator generator =
        new RecentChangeGenerator(
            42, Instant.parse("2024-04-26T00:00:00Z"), 50, Duration.ofSeconds(50));
    List<List<ReferenceInput>> byPartition = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      byPartition.add(new ArrayList<>());
    }
    Random random = new Random(42);
    long started = System.nanoTime();
    long lastEventSecond = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
      for (int i = 0; i < EVENTS; i++) {
        GenericRecord record = generator.next();
        int partition = random.nextInt(PARTITIONS);
        long second = (Long) record.get("timestamp");
        lastEventSecond = Math.max(lastEventSecond, second);
        producer.send(new ProducerRecord<>(inputTopic, partition, key(i), writer.write(record)));
        byPartition
            .get(partition)
            .add(new ReferenceInput.Event(partition, RecentChangeRecords.toEditEvent(record)));
        if (i % (EVENTS / BAD_RECORDS) == 0) {
          producer.send(new ProducerRecord<>(inputTopic, partition, null, new byte[] {1, 2, 3}));
        }
      }
      // A canary far ahead in every partition closes every window.
      for (int p = 0; p < PARTITIONS; p++) {
        GenericRecord canary =
            TestEvents.canary(lastEventSecond + 3600 - TestEvents.T.getEpochSecond());
        producer.send(new ProducerRecord<>(inputTopic, p, null, writer.write(canary)));
        byPartition
            .get(p)
            .add(new ReferenceInput.Event(p, RecentChangeRecords.toEditEvent(canary)));
      }
      producer.flush();
    }
    inputRecords = EVENTS + BAD_RECORDS + PARTITIONS;
    System.out.printf(
        "Produced %,d records to %d partitions in %d ms%n",
        inputRecords, PARTITIONS, (System.nanoTime() - started) / 1_000_000);
    List<ReferenceInput> interleaved = new ArrayList<>();
    for (int i = 0; interleaved.size() < EVENTS + PARTITIONS; i++) {
      for (List<ReferenceInput> partition : byPartition) {
        if (i < partition.size()) {
          interleaved.add(partition.get(i));
        }
      }
    }
    expected = ReferenceResult.of(WindowSpec.DEFAULT, PARTITIONS, interleaved);
    assertThat(expected.droppedLate()).isZero();
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

  /** Purpose: the launcher finds this runtime by name. Pass: ServiceLoader lists "spark". */
  @Test
  void registeredAsAServiceNamedSpark() {
    assertThat(ServiceLoader.load(AnalysisRuntime.class).stream().map(p -> p.get().name()))
        .contains("spark");
  }

  private static RunningPipeline start(PipelineSpec spec) {
    return new SparkRuntime()
        .start(spec, new ConfluentWireCodecs(registrySettings, spec.sink().valueSubject(), true));
  }

  private static PipelineSpec spec(String purpose, Path stateDir, int maxOffsetsPerTrigger) {
    String id = "spark-" + purpose + "-" + UUID.randomUUID();
    return new PipelineSpec(
        id,
        new KafkaSource(stack.bootstrapServers(), inputTopic, KafkaSource.StartingOffsets.EARLIEST),
        new KafkaSink(stack.bootstrapServers(), id + "-out", id + "-dlq", id + "-out-value"),
        WindowSpec.DEFAULT,
        Duration.ofSeconds(60),
        stateDir,
        Map.of(SparkRuntime.MAX_OFFSETS_PER_TRIGGER, Integer.toString(maxOffsetsPerTrigger)));
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
    return readUntil(topic, records -> records.size() >= count);
  }

  /**
   * Every record of a topic, read until the condition holds and then one quiet second longer, to
   * catch duplicates.
   */
  private static List<ConsumerRecord<String, byte[]>> readUntil(
      String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        // The sink creates the topic with its first record.
        partitions =
            consumer.listTopics().containsKey(topic)
                ? consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList()
                : List.of();
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          records.add(record);
        }
        if (quietUntil == Long.MAX_VALUE && done.test(records)) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return records;
  }

  private static String header(ConsumerRecord<?, ?> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] key(int i) {
    return ("rc-" + i).getBytes(StandardCharsets.UTF_8);
  }

  private static Properties adminProps() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    return props;
  }

  private static Properties producerProps() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return props;
  }
}
