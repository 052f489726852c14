package org.wikipulse.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.wikipulse.contract.kafka.KafkaTestClients;

/**
 * Copies a written backlog, record for record and partition for partition (same keys, values and
 * timestamps, same order in each partition), into the topic a pipeline reads, at a set rate: so
 * that Kafka Streams, which would work through the whole backlog in a second, is still at it while
 * instances join and die. Each partition's input is the backlog's, so the reference's answer holds.
 */
final class PacedCopy implements AutoCloseable {
  private static final Duration TICK = Duration.ofMillis(100);

  private final Thread thread;
  private final AtomicInteger copied = new AtomicInteger();
  private final int total;
  private volatile boolean stopped;
  private volatile RuntimeException failure;

  PacedCopy(
      String bootstrapServers, String from, String to, int partitions, int total, int perSecond) {
    this.total = total;
    thread =
        new Thread(
            () -> copy(bootstrapServers, from, to, partitions, perSecond), "paced-copy-" + to);
    thread.setDaemon(true);
    thread.start();
  }

  private void copy(
      String bootstrapServers, String from, String to, int partitions, int perSecond) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.max(1, perSecond / 10)));
    int perTick = Math.max(1, (int) (perSecond * TICK.toMillis() / 1000));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(bootstrapServers)) {
      List<TopicPartition> assigned = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        assigned.add(new TopicPartition(from, p));
      }
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      long next = System.nanoTime();
      while (!stopped && copied.get() < total) {
        int thisTick = 0;
        while (thisTick < perTick && copied.get() < total && !stopped) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            producer.send(
                new ProducerRecord<>(
                    to,
                    record.partition(),
                    record.timestamp(),
                    record.key(),
                    record.value(),
                    record.headers()));
            copied.incrementAndGet();
            thisTick++;
          }
        }
        producer.flush();
        next += TICK.toNanos();
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** Records copied so far. */
  int copied() {
    if (failure != null) {
      throw new IllegalStateException("The paced copy failed", failure);
    }
    return copied.get();
  }

  boolean done() {
    return copied() >= total;
  }

  @Override
  public void close() {
    stopped = true;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
