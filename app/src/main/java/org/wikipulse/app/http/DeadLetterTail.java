package org.wikipulse.app.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.kafka.KafkaClients;
import org.wikipulse.ports.DeadLetterHeaders;

/**
 * Follows the dead-letter topic on its own thread and keeps its most recent records' reasons, from
 * the last {@value #KEPT} of each partition at start on.
 */
final class DeadLetterTail implements AutoCloseable {
  static final int KEPT = 20;

  /** One dead letter as the dashboard shows it. */
  record Entry(
      Instant time, String reason, String message, String sourcePartition, String sourceOffset) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deque<Entry> recent = new ArrayDeque<>();
  private final Thread thread;
  private volatile boolean stopped;

  DeadLetterTail(WikipulseConfig config) {
    consumer = KafkaClients.reader(config, "wikipulse-dead-letter-tail");
    String topic = config.topics().deadLetters();
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, config.connectTimeout()).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, config.connectTimeout());
    Map<TopicPartition, Long> starts =
        consumer.beginningOffsets(partitions, config.connectTimeout());
    for (TopicPartition partition : partitions) {
      consumer.seek(partition, Math.max(starts.get(partition), ends.get(partition) - KEPT));
    }
    thread = new Thread(this::follow, "wikipulse-dead-letter-tail");
    thread.setDaemon(true);
    thread.start();
  }

  /** The most recent dead letters, newest first. */
  synchronized List<Entry> recent() {
    List<Entry> entries = new ArrayList<>(recent);
    entries.sort(Comparator.comparing(Entry::time).reversed());
    return entries;
  }

  private void follow() {
    try {
      while (!stopped) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          add(
              new Entry(
                  Instant.ofEpochMilli(record.timestamp()),
                  lastHeader(record, DeadLetterHeaders.ERROR_CLASS),
                  lastHeader(record, DeadLetterHeaders.ERROR_MESSAGE),
                  lastHeader(record, DeadLetterHeaders.SOURCE_PARTITION),
                  lastHeader(record, DeadLetterHeaders.SOURCE_OFFSET)));
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (RuntimeException e) {
      System.err.println("wikipulse: stopped following the dead-letter topic: " + e.getMessage());
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private synchronized void add(Entry entry) {
    recent.addLast(entry);
    while (recent.size() > KEPT) {
      recent.removeFirst();
    }
  }

  /** The last one: a dead letter keeps the original record's headers before its own. */
  private static String lastHeader(ConsumerRecord<byte[], byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    stopped = true;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
