package org.wikipulse.contract.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Kafka clients for tests against a real broker. */
public final class KafkaTestClients {
  private static final Duration QUIET_AFTER_DONE = Duration.ofSeconds(1);

  private KafkaTestClients() {}

  /** Creates a topic with one replica. */
  public static void createTopic(String bootstrapServers, String topic, int partitions) {
    createTopic(bootstrapServers, topic, partitions, Map.of());
  }

  /** Creates a topic with one replica and the given topic configs (Kafka's names). */
  public static void createTopic(
      String bootstrapServers, String topic, int partitions, Map<String, String> configs) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
          .all()
          .get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + topic, e);
    }
  }

  /** A producer of byte keys and values that batches as a loader should (never per record). */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    return producer(bootstrapServers, Map.of());
  }

  /** As above, with some producer settings (Kafka's names) replaced. */
  public static KafkaProducer<byte[], byte[]> producer(
      String bootstrapServers, Map<String, String> overrides) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putAll(overrides);
    return new KafkaProducer<>(props);
  }

  /** Every committed record of a topic, once there are at least {@code count}. */
  public static List<ConsumerRecord<String, byte[]>> readAtLeast(
      String bootstrapServers, String topic, int count, Duration timeout) {
    return readUntil(bootstrapServers, topic, timeout, records -> records.size() >= count);
  }

  /**
   * Every committed record of a topic (waiting for the topic to exist), read until the condition
   * holds or the timeout passes, and then one quiet second longer, to catch duplicates.
   */
  public static List<ConsumerRecord<String, byte[]>> readUntil(
      String bootstrapServers,
      String topic,
      Duration timeout,
      Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      List<TopicPartition> partitions = partitionsOf(consumer, topic, deadline);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          records.add(record);
        }
        if (quietUntil == Long.MAX_VALUE && done.test(records)) {
          quietUntil = System.nanoTime() + QUIET_AFTER_DONE.toNanos();
        }
      }
    }
    return records;
  }

  private static List<TopicPartition> partitionsOf(
      KafkaConsumer<?, ?> consumer, String topic, long deadline) {
    while (System.nanoTime() < deadline) {
      List<TopicPartition> partitions =
          consumer.listTopics().getOrDefault(topic, List.of()).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      if (!partitions.isEmpty()) {
        return partitions;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for topic " + topic, e);
      }
    }
    throw new AssertionError("Topic " + topic + " did not appear in time");
  }
}
