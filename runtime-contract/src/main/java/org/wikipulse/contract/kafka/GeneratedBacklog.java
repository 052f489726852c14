package org.wikipulse.contract.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.domain.EditRules;
import org.wikipulse.domain.ReferenceInput;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.SchemaRegistry;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * A generated recentchange backlog on a real topic, and the reference's answer for it.
 *
 * <p>Events go to random partitions, out of order by up to 50 s, within the default 60 s lateness:
 * every event is on time in its own partition, and, spread evenly, none is late behind another
 * partition either, so the answer does not depend on how a runtime interleaves the partitions. A
 * canary far ahead in every partition closes every window.
 *
 * @param topic the input topic
 * @param partitions its partition count
 * @param records every record written: events, bad records and canaries
 * @param badRecords how many of them cannot be decoded
 * @param expected the reference's answer
 */
public record GeneratedBacklog(
    String topic, int partitions, int records, int badRecords, ReferenceResult expected) {

  /**
   * What to write.
   *
   * @param events how many generated events
   * @param badRecords how many undecodable records, spread evenly among them
   * @param seed the generator's and the partitioner's seed
   * @param badRecord the value of the n-th bad record, given the good value written just before
   * @param evolveMiddleThird whether the middle third is written under the v2 writer schema
   * @param lastPartitionBehind how far behind the others in event time the last partition's events
   *     are (zero: not at all); each partition stays in order within the lateness, so nothing is
   *     late in the reference, but a runtime whose watermark follows the fastest partition drops
   *     the last one's events
   */
  public record Recipe(
      int partitions,
      int events,
      int badRecords,
      long seed,
      BadRecordMaker badRecord,
      boolean evolveMiddleThird,
      Duration lastPartitionBehind) {

    /** A recipe whose partitions are not skewed. */
    public Recipe(
        int partitions,
        int events,
        int badRecords,
        long seed,
        BadRecordMaker badRecord,
        boolean evolveMiddleThird) {
      this(partitions, events, badRecords, seed, badRecord, evolveMiddleThird, Duration.ZERO);
    }
  }

  /** Makes the n-th bad record from the good value written just before it. */
  @FunctionalInterface
  public interface BadRecordMaker {
    byte[] make(int n, byte[] previousGoodValue);

    /** Always the same three bytes: a value too short for the wire-format header. */
    static BadRecordMaker tooShort() {
      return (n, previous) -> new byte[] {1, 2, 3};
    }

    /** An empty value, a bad magic byte, a truncated Avro body, in turn. */
    static BadRecordMaker eachKind() {
      return (n, previous) ->
          switch (n % 3) {
            case 0 -> new byte[0];
            case 1 -> {
              byte[] copy = previous.clone();
              copy[0] = 7;
              yield copy;
            }
            default -> java.util.Arrays.copyOf(previous, 8);
          };
    }
  }

  /** Creates the topic, writes the backlog, and computes the reference's answer. */
  public static GeneratedBacklog produce(
      String bootstrapServers, SchemaRegistry registry, String topic, Recipe recipe) {
    return produce(bootstrapServers, registry, topic, recipe, Map.of());
  }

  /**
   * As above, the topic created with {@code topicConfigs} (Kafka's names); a {@code
   * max.message.bytes} there is also the producer's request size, so that records that large go.
   */
  public static GeneratedBacklog produce(
      String bootstrapServers,
      SchemaRegistry registry,
      String topic,
      Recipe recipe,
      Map<String, String> topicConfigs) {
    KafkaTestClients.createTopic(bootstrapServers, topic, recipe.partitions(), topicConfigs);
    String maxMessageBytes = topicConfigs.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
    Map<String, String> producerSettings =
        maxMessageBytes == null
            ? Map.of()
            : Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
    String subject = topic + "-value";
    RecentChangeWriter v1 = new RecentChangeWriter(registry, subject, AvroSchemas.RECENT_CHANGE);
    RecentChangeWriter v2 = new RecentChangeWriter(registry, subject, AvroSchemas.RECENT_CHANGE_V2);
    RecentChangeGenerator generator =
        new RecentChangeGenerator(
            AvroSchemas.RECENT_CHANGE,
            recipe.seed(),
            Instant.parse("2024-04-26T00:00:00Z"),
            50,
            Duration.ofSeconds(50));
    Random partitioner = new Random(recipe.seed());
    List<ReferenceInput> inputs = new ArrayList<>();
    int badEvery =
        recipe.badRecords() == 0 ? Integer.MAX_VALUE : recipe.events() / recipe.badRecords();
    int bad = 0;
    long lastSecond = Long.MIN_VALUE;
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaTestClients.producer(bootstrapServers, producerSettings)) {
      for (int i = 0; i < recipe.events(); i++) {
        GenericRecord record = generator.next();
        int partition = partitioner.nextInt(recipe.partitions());
        if (partition == recipe.partitions() - 1) {
          record.put(
              "timestamp",
              (Long) record.get("timestamp") - recipe.lastPartitionBehind().toSeconds());
        }
        boolean evolved =
            recipe.evolveMiddleThird() && i >= recipe.events() / 3 && i < 2 * recipe.events() / 3;
        byte[] value = (evolved ? v2 : v1).write(record);
        long eventMillis = (Long) record.get("timestamp") * 1000;
        // Stamped with event time, as a replay of a recorded stream is: nothing may read it as now.
        producer.send(new ProducerRecord<>(topic, partition, eventMillis, key(i), value));
        inputs.add(new ReferenceInput.Event(partition, RecentChangeRecords.toEditEvent(record)));
        lastSecond = Math.max(lastSecond, (Long) record.get("timestamp"));
        if (i % badEvery == badEvery / 2 && bad < recipe.badRecords()) {
          producer.send(
              new ProducerRecord<>(topic, partition, null, recipe.badRecord().make(bad, value)));
          bad++;
        }
      }
      for (int p = 0; p < recipe.partitions(); p++) {
        GenericRecord canary = generator.next();
        canary.put("type", EditRules.EDIT_TYPE);
        canary.put("timestamp", lastSecond + 3600);
        ((GenericRecord) canary.get("meta")).put("domain", EditRules.CANARY_DOMAIN);
        producer.send(new ProducerRecord<>(topic, p, null, v1.write(canary)));
        inputs.add(new ReferenceInput.Event(p, RecentChangeRecords.toEditEvent(canary)));
      }
      producer.flush();
    }
    ReferenceResult expected = ReferenceResult.of(WindowSpec.DEFAULT, recipe.partitions(), inputs);
    if (expected.droppedLate() != 0) {
      throw new IllegalStateException("A generated backlog must have no late event");
    }
    return new GeneratedBacklog(
        topic, recipe.partitions(), recipe.events() + bad + recipe.partitions(), bad, expected);
  }

  private static byte[] key(int i) {
    return ("rc-" + i).getBytes(StandardCharsets.UTF_8);
  }
}
