package org.wikipulse.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each committed record of a topic became visible, seen from a {@code read_committed} consumer
 * that follows the topic from its beginning in a thread of its own: how long output stopped around
 * a fault.
 */
final class OutputArrivals implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final List<Long> arrivalNanos = new ArrayList<>();
  private volatile boolean stopped;

  OutputArrivals(String bootstrapServers, String topic, int partitions) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(props);
    List<TopicPartition> assigned = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition(topic, p));
    }
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    thread = new Thread(this::follow, "output-arrivals-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void follow() {
    try {
      while (!stopped) {
        for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          synchronized (arrivalNanos) {
            arrivalNanos.add(now);
          }
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } finally {
      consumer.close();
    }
  }

  /** Records seen so far. */
  int count() {
    synchronized (arrivalNanos) {
      return arrivalNanos.size();
    }
  }

  /** How long after {@code nanos} the next record arrived, or -1 if none has yet. */
  long millisUntilNextAfter(long nanos) {
    synchronized (arrivalNanos) {
      for (long arrival : arrivalNanos) {
        if (arrival > nanos) {
          return (arrival - nanos) / 1_000_000;
        }
      }
    }
    return -1;
  }

  /** The longest pause between two records that both arrived before {@code nanos}. */
  long longestGapBeforeMillis(long nanos) {
    long longest = 0;
    synchronized (arrivalNanos) {
      for (int i = 1; i < arrivalNanos.size() && arrivalNanos.get(i) < nanos; i++) {
        longest = Math.max(longest, arrivalNanos.get(i) - arrivalNanos.get(i - 1));
      }
    }
    return longest / 1_000_000;
  }

  @Override
  public void close() {
    stopped = true;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
