package org.wikipulse.bench.pipelines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Reads a contestant's output topic as it is written: each row with the broker's append time (the
 * output topics use LogAppendTime), read committed.
 */
final class OutputWatcher implements AutoCloseable {
  /** One output row and when the broker appended it. */
  record Arrival(WindowCount row, long appendedAtMs) {}

  private final List<Arrival> arrivals = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long undecodable;

  OutputWatcher(String bootstrapServers, String topic, SchemaRegistry registry) {
    thread =
        new Thread(
            () -> {
              Properties props = new Properties();
              props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
              props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
              props.put(
                  ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                  ByteArrayDeserializer.class.getName());
              props.put(
                  ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                  ByteArrayDeserializer.class.getName());
              try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running) {
                  for (ConsumerRecord<byte[], byte[]> record :
                      consumer.poll(Duration.ofMillis(50))) {
                    try {
                      WindowCount row = EditCountRecords.decode(record.value(), registry);
                      synchronized (arrivals) {
                        arrivals.add(new Arrival(row, record.timestamp()));
                      }
                    } catch (RuntimeException e) {
                      undecodable++;
                    }
                  }
                }
              }
            },
            "output-watcher-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  List<Arrival> arrivals() {
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  long lastArrivalMs() {
    synchronized (arrivals) {
      return arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).appendedAtMs();
    }
  }

  long undecodable() {
    return undecodable;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5000);
  }
}
