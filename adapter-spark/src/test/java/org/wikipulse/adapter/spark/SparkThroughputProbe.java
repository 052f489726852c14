package org.wikipulse.adapter.spark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * Scratch throughput measurement, not part of the suite: {@code -Dprobe=1 [-Dprobe.events=N]}. Runs
 * variants of the query over one backlog with an available-now trigger into a no-op sink.
 */
@EnabledIfSystemProperty(named = "probe", matches = ".+")
class SparkThroughputProbe {
  @Test
  void probe(@TempDir java.nio.file.Path dir) throws Exception {
    int events = Integer.getInteger("probe.events", 1_000_000);
    SparkSession base = SharedSpark.get();
    LocalStack stack = SharedLocalStack.get();
    RegistrySettings registry = RegistrySettings.of(stack.registryUrl());
    String topic = "probe-" + UUID.randomUUID();
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    try (Admin a = Admin.create(admin)) {
      a.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
    }
    RecentChangeWriter writer =
        new RecentChangeWriter(registry.connect(), topic + "-value", AvroSchemas.RECENT_CHANGE);
    RecentChangeGenerator generator =
        new RecentChangeGenerator(
            AvroSchemas.RECENT_CHANGE,
            1,
            Instant.parse("2024-04-26T00:00:00Z"),
            50,
            Duration.ofSeconds(50));
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    pp.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    pp.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    pp.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    Random random = new Random(1);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp)) {
      for (int i = 0; i < events; i++) {
        producer.send(
            new ProducerRecord<>(topic, random.nextInt(4), null, writer.write(generator.next())));
      }
    }
    WireCodecs codecs = new ConfluentWireCodecs(registry, "probe-out-value");
    EditCountQuery.Settings settings =
        new EditCountQuery.Settings(
            WindowSpec.DEFAULT,
            codecs.outputSchema(),
            "probe-out",
            new KafkaDeadLetterSink(stack.bootstrapServers(), Map.of(), "probe-dlq"));
    for (String variant : System.getProperty("probe.variants", "full,scan").split(",")) {
      UnaryOperator<Dataset<Row>> transform =
          switch (variant) {
            case "full" -> in -> EditCountQuery.transform(in, codecs, settings);
            default -> in -> in;
          };
      SparkSession session = base.newSession();
      session.conf().set("spark.sql.shuffle.partitions", "2");
      QuerySessionConf.apply(session);
      Dataset<Row> in =
          session
              .readStream()
              .format("kafka")
              .option("kafka.bootstrap.servers", stack.bootstrapServers())
              .option("subscribe", topic)
              .option("startingOffsets", "earliest")
              .option("includeHeaders", "true")
              .option("maxOffsetsPerTrigger", System.getProperty("probe.maxOffsets", "250000"))
              .load();
      long started = System.nanoTime();
      StreamingQuery query =
          transform
              .apply(in)
              .writeStream()
              .format("noop")
              .outputMode("append")
              .trigger(Trigger.AvailableNow())
              .option(
                  "checkpointLocation", dir.resolve(variant + "-" + UUID.randomUUID()).toString())
              .start();
      query.awaitTermination();
      long ms = (System.nanoTime() - started) / 1_000_000;
      long batchMs = 0;
      for (StreamingQueryProgress p : query.recentProgress()) {
        batchMs += p.batchDuration();
        System.out.printf("PROBE %s batch %d: %s%n", variant, p.batchId(), p.durationMs());
      }
      System.out.printf(
          "PROBE %s: %,d records in %d ms (%,.0f records/s), batches %d ms (%,.0f records/s)%n",
          variant, events, ms, events * 1000.0 / ms, batchMs, events * 1000.0 / batchMs);
    }
  }
}
