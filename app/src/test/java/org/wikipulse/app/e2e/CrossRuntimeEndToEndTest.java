package org.wikipulse.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.AvroSchemas;
import org.wikipulse.adapter.registry.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.EditCountRecords;
import org.wikipulse.adapter.registry.RecentChangeGenerator;
import org.wikipulse.adapter.registry.RecentChangeRecords;
import org.wikipulse.adapter.registry.RecentChangeWriter;
import org.wikipulse.adapter.registry.RegistrySettings;
import org.wikipulse.domain.ReferenceAnalysis;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Purpose: the project's promise on a real broker and registry: whichever runtime reads a topic,
 * the answer is the same and it is the reference's. Input: 50,000 generated recentchange events
 * (bot share about 22 %, several event types, out of order by up to 50 s) on a 3-partition topic,
 * the middle third written under the v2 writer schema, a few bad records, and a canary far ahead in
 * every partition. Pass: each runtime, found through ServiceLoader and started from the same topic,
 * writes exactly the reference's rows (no row missing, none twice) and dead-letters exactly the bad
 * records; so the two runtimes' outputs are equal record for record.
 */
class CrossRuntimeEndToEndTest {
  private static final int PARTITIONS = 3;
  private static final int EVENTS = 50_000;
  private static final int BAD_EVERY = 5_000;
  private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(180);

  private final LocalStack stack = SharedLocalStack.get();
  private final RegistrySettings registrySettings = RegistrySettings.of(stack.registryUrl());

  @TempDir Path stateDir;

  @Test
  void bothRuntimesWriteTheReferenceRowsFromTheSameTopic() throws Exception {
    String input = "xrt-" + UUID.randomUUID();
    Input produced = produce(input);
    assertThat(produced.expectedRows())
        .as("about 35 windows of three actors")
        .hasSizeGreaterThan(90);

    Map<String, List<WindowCount>> outputs = new LinkedHashMap<>();
    for (AnalysisRuntime runtime : ServiceLoader.load(AnalysisRuntime.class)) {
      outputs.put(runtime.name(), runOnce(runtime, input, produced));
    }

    assertThat(outputs).containsOnlyKeys("kafka-streams", "spark");
    for (Map.Entry<String, List<WindowCount>> output : outputs.entrySet()) {
      assertThat(output.getValue())
          .as("%s rows", output.getKey())
          .containsExactlyElementsOf(produced.expectedRows());
    }
    assertThat(outputs.get("spark")).isEqualTo(outputs.get("kafka-streams"));
  }

  private List<WindowCount> runOnce(AnalysisRuntime runtime, String input, Input produced)
      throws Exception {
    String id = "xrt-" + runtime.name() + "-" + UUID.randomUUID();
    PipelineSpec spec =
        new PipelineSpec(
            id,
            new KafkaSource(stack.bootstrapServers(), input, KafkaSource.StartingOffsets.EARLIEST),
            new KafkaSink(stack.bootstrapServers(), id + "-out", id + "-dlq", id + "-out-value"),
            WindowSpec.DEFAULT,
            Duration.ofSeconds(60),
            stateDir.resolve(runtime.name()),
            Map.of("spark.master", "local[2]", "spark.sql.shuffle.partitions", "2"));
    long started = System.nanoTime();
    List<ConsumerRecord<String, byte[]>> records;
    List<ConsumerRecord<String, byte[]>> deadLetters;
    try (RunningPipeline pipeline =
        runtime.start(
            spec, new ConfluentWireCodecs(registrySettings, spec.sink().valueSubject(), true))) {
      records = readAll(spec.sink().topic(), produced.expectedRows().size());
      deadLetters = readAll(spec.sink().deadLetterTopic(), produced.badRecords());
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      PipelineProgress progress = pipeline.progress();
      System.out.printf(
          "%s: %,d records in, %,d rows out, %,d dead letters in %,d ms; counters %s%n",
          runtime.name(),
          produced.records(),
          records.size(),
          deadLetters.size(),
          elapsedMs,
          progress);
      assertThat(progress.deadLettered()).as("dead-lettered").isEqualTo(produced.badRecords());
      assertThat(progress.windowsOut()).as("windows out").isEqualTo(records.size());
    }
    assertThat(deadLetters).hasSize(produced.badRecords());
    SchemaRegistry registry = registrySettings.connect();
    Set<String> keys = new HashSet<>();
    List<WindowCount> rows = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      assertThat(keys.add(record.key())).as("key %s written once", record.key()).isTrue();
      rows.add(EditCountRecords.decode(record.value(), registry));
    }
    return rows.stream().sorted(WindowCount.ORDER).toList();
  }

  /**
   * The input: each partition's events stay in the generator's order, so every event is on time in
   * its own partition and the reference's answer does not depend on how partitions interleave.
   */
  private Input produce(String topic) throws Exception {
    try (Admin admin = Admin.create(adminProps())) {
      admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
    }
    SchemaRegistry registry = registrySettings.connect();
    String subject = topic + "-value";
    RecentChangeWriter v1 = new RecentChangeWriter(registry, subject, AvroSchemas.RECENT_CHANGE);
    RecentChangeWriter v2 = new RecentChangeWriter(registry, subject, AvroSchemas.RECENT_CHANGE_V2);
    RecentChangeGenerator generator =
        new RecentChangeGenerator(
            2026, Instant.parse("2024-04-26T00:00:00Z"), 50, Duration.ofSeconds(50));
    ReferenceAnalysis reference = new ReferenceAnalysis(WindowSpec.DEFAULT, PARTITIONS);
    List<WindowCount> expected = new ArrayList<>();
    Random random = new Random(2026);
    int bad = 0;
    long lastSecond = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
      for (int i = 0; i < EVENTS; i++) {
        GenericRecord record = generator.next();
        int partition = random.nextInt(PARTITIONS);
        boolean evolved = i >= EVENTS / 3 && i < 2 * EVENTS / 3;
        byte[] value = (evolved ? v2 : v1).write(record);
        producer.send(new ProducerRecord<>(topic, partition, null, value));
        expected.addAll(reference.accept(partition, RecentChangeRecords.toEditEvent(record)));
        lastSecond = Math.max(lastSecond, (Long) record.get("timestamp"));
        if (i % BAD_EVERY == BAD_EVERY / 2) {
          producer.send(new ProducerRecord<>(topic, partition, null, badRecord(bad, value)));
          bad++;
        }
      }
      for (int p = 0; p < PARTITIONS; p++) {
        GenericRecord canary = generator.next();
        canary.put("type", "edit");
        canary.put("timestamp", lastSecond + 3600);
        ((GenericRecord) canary.get("meta")).put("domain", "canary");
        producer.send(new ProducerRecord<>(topic, p, null, v1.write(canary)));
        expected.addAll(reference.accept(p, RecentChangeRecords.toEditEvent(canary)));
      }
      producer.flush();
    }
    return new Input(
        EVENTS + bad + PARTITIONS, bad, expected.stream().sorted(WindowCount.ORDER).toList());
  }

  /** An empty value, a bad magic byte, or a truncated body, in turn. */
  private static byte[] badRecord(int n, byte[] good) {
    return switch (n % 3) {
      case 0 -> new byte[0];
      case 1 -> {
        byte[] copy = good.clone();
        copy[0] = 7;
        yield copy;
      }
      default -> java.util.Arrays.copyOf(good, 8);
    };
  }

  private record Input(int records, int badRecords, List<WindowCount> expectedRows) {}

  /** Every committed record of a topic, waiting until there are at least {@code count}. */
  private List<ConsumerRecord<String, byte[]>> readAll(String topic, int count) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        partitions =
            consumer.listTopics().getOrDefault(topic, List.of()).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        if (partitions.isEmpty()) {
          sleep(200);
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          records.add(record);
        }
        if (records.size() >= count && quietUntil == Long.MAX_VALUE) {
          // A little longer, to catch a duplicate.
          quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
      }
    }
    return records;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Properties adminProps() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    return props;
  }

  private Properties producerProps() {
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
