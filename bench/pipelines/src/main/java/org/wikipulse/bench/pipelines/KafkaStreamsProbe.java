package org.wikipulse.bench.pipelines;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.wikipulse.adapter.kstreams.KafkaStreamsRuntime;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * A measurement of the Kafka Streams runtime alone, on the embedded stack: {@code KafkaStreamsProbe
 * [events] [variants]}, such as {@code 1000000 'default;commit.interval.ms=1000'}. For each variant
 * (engine properties, comma-separated; variants separated by semicolons) it writes the same
 * generated backlog to a fresh 4-partition topic, runs the pipeline over it and prints the records
 * per second after the first record, then the time from a closing canary in every partition to the
 * first committed output row. Its figures are in BENCHMARKS.md, "Kafka Streams runtime: latency,
 * throughput and stalls".
 */
public final class KafkaStreamsProbe {
  private static final Duration GIVE_UP = Duration.ofSeconds(90);

  private LocalStack stack;
  private RegistrySettings registry;

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String variants = args.length > 1 ? args[1] : "default";
    new KafkaStreamsProbe().probe(events, variants);
    System.exit(0);
  }

  private void probe(int events, String variants) throws Exception {
    stack = SharedLocalStack.get();
    registry = RegistrySettings.of(stack.registryUrl());
    RecentChangeWriter writer =
        new RecentChangeWriter(registry.connect(), "probe-value", AvroSchemas.RECENT_CHANGE);
    RecentChangeGenerator generator =
        new RecentChangeGenerator(
            AvroSchemas.RECENT_CHANGE,
            1,
            Instant.parse("2024-04-26T00:00:00Z"),
            50,
            Duration.ofSeconds(50));
    byte[][] values = new byte[events][];
    for (int i = 0; i < events; i++) {
      values[i] = writer.write(generator.next());
    }
    GenericRecord canary = generator.next();
    canary.put("type", "edit");
    canary.put("timestamp", (Long) canary.get("timestamp") + 3600);
    ((GenericRecord) canary.get("meta")).put("domain", "canary");
    byte[] closingCanary = writer.write(canary);

    for (String variant : variants.split(";")) {
      String topic = produce(values);
      measure(variant, topic, events, closingCanary);
    }
  }

  private String produce(byte[][] values) throws Exception {
    String topic = "probe-" + UUID.randomUUID();
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    try (Admin client = Admin.create(admin)) {
      client.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
    }
    Random random = new Random(1);
    AtomicInteger failedSends = new AtomicInteger();
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
      for (byte[] value : values) {
        producer.send(
            new ProducerRecord<>(topic, random.nextInt(4), null, value),
            (metadata, error) -> {
              if (error != null) {
                failedSends.incrementAndGet();
              }
            });
      }
    }
    System.out.printf(
        "PROBE produced %,d in %d ms, %d sends failed%n",
        values.length, (System.nanoTime() - started) / 1_000_000, failedSends.get());
    return topic;
  }

  private void measure(String variant, String topic, int events, byte[] closingCanary)
      throws Exception {
    String id = "probe-" + UUID.randomUUID();
    PipelineSpec spec =
        new PipelineSpec(
            id,
            new KafkaSource(stack.bootstrapServers(), topic, KafkaSource.StartingOffsets.EARLIEST),
            new KafkaSink(stack.bootstrapServers(), id + "-out", id + "-dlq", id + "-out-value"),
            WindowSpec.DEFAULT,
            Duration.ofSeconds(60),
            Files.createTempDirectory("probe"),
            engineProperties(variant),
            Map.of());
    long started = System.nanoTime();
    long firstIn = 0;
    try (RunningPipeline pipeline =
        new KafkaStreamsRuntime()
            .start(spec, new ConfluentWireCodecs(registry, id + "-out-value"))) {
      long giveUp = started + GIVE_UP.toNanos();
      while (pipeline.progress().recordsIn() < events && System.nanoTime() < giveUp) {
        if (firstIn == 0 && pipeline.progress().recordsIn() > 0) {
          firstIn = System.nanoTime();
        }
        Thread.sleep(5);
      }
      long ended = System.nanoTime();
      System.out.printf(
          "PROBE [%s] first record after %d ms; %s in %d ms after it: %,.0f records/s%n",
          variant,
          (firstIn - started) / 1_000_000,
          pipeline.progress(),
          (ended - firstIn) / 1_000_000,
          pipeline.progress().recordsIn() * 1e9 / (ended - firstIn));
      System.out.printf(
          "PROBE [%s] first output row %d ms after the closing canaries%n",
          variant, latencyMs(topic, id + "-out", closingCanary));
    }
  }

  private long latencyMs(String input, String output, byte[] closingCanary) throws Exception {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
      TopicPartition partition = new TopicPartition(output, 0);
      consumer.assign(List.of(partition));
      Thread.sleep(1500);
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);
      long sent = System.nanoTime();
      for (int p = 0; p < 4; p++) {
        producer.send(new ProducerRecord<>(input, p, null, closingCanary));
      }
      producer.flush();
      long giveUp = sent + GIVE_UP.toNanos();
      while (consumer.poll(Duration.ofMillis(5)).isEmpty()) {
        if (System.nanoTime() > giveUp) {
          return -1;
        }
      }
      return (System.nanoTime() - sent) / 1_000_000;
    }
  }

  private static Map<String, String> engineProperties(String variant) {
    Map<String, String> props = new HashMap<>();
    for (String setting : variant.split(",")) {
      int equals = setting.indexOf('=');
      if (equals > 0) {
        props.put(setting.substring(0, equals), setting.substring(equals + 1));
      }
    }
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
