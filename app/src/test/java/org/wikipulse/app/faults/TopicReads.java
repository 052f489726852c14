package org.wikipulse.app.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads of a whole topic for the fault suite's verdict and its input's read-back. */
final class TopicReads {
  private TopicReads() {}

  /** A consumer of bytes, in no group, with the isolation level given. */
  static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String isolationLevel) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }

  static List<TopicPartition> partitionsOf(
      KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
    return consumer.partitionsFor(topic, timeout).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
  }

  /**
   * Gives {@code each} every record of {@code topic}, each partition in offset order, from its
   * beginning to the end offsets it has when the read starts (for {@code read_committed}, its last
   * stable offsets); fails after {@code timeout}.
   */
  static void readToTheEnd(
      String bootstrapServers,
      String topic,
      String isolationLevel,
      Duration timeout,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, isolationLevel)) {
      List<TopicPartition> partitions = partitionsOf(consumer, topic, timeout);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "Could not read " + topic + " to its end offsets " + ends + " within " + timeout);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(each);
      }
    }
  }
}
