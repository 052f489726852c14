package org.wikipulse.app.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Reads every partition of a topic without a consumer group, from the beginning or from now on,
 * decoding each value with its own writer schema.
 */
public final class TopicReader {
  private final Consumer<byte[], byte[]> consumer;
  private final AvroValueDecoder decoder;
  private volatile boolean stopped;

  public TopicReader(Consumer<byte[], byte[]> consumer, SchemaRegistry registry) {
    this.consumer = consumer;
    this.decoder = new AvroValueDecoder(registry);
  }

  /**
   * Assigns every partition of the topic and moves to its start or its end.
   *
   * @throws IllegalArgumentException if the topic does not exist
   */
  public void assign(String topic, boolean fromBeginning, Duration timeout) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalArgumentException("Topic '" + topic + "' does not exist");
    }
    List<TopicPartition> assigned =
        partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(assigned);
    if (fromBeginning) {
      consumer.seekToBeginning(assigned);
    } else {
      consumer.seekToEnd(assigned);
      assigned.forEach(consumer::position);
    }
  }

  /** Asks {@link #read} to return after the current poll. */
  public void stop() {
    stopped = true;
  }

  /**
   * Prints records until {@code maxMessages} have been printed, nothing arrived for {@code
   * idleTimeout} (null: wait forever), or {@link #stop()}.
   *
   * @return how many records were printed
   */
  public long read(RecordFormat format, long maxMessages, Duration idleTimeout) {
    long printed = 0;
    long lastRecordAt = System.nanoTime();
    while (!stopped && printed < maxMessages) {
      ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
      if (polled.isEmpty()) {
        if (idleTimeout != null && System.nanoTime() - lastRecordAt >= idleTimeout.toNanos()) {
          break;
        }
        continue;
      }
      lastRecordAt = System.nanoTime();
      List<ConsumedRecord> batch = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : polled) {
        if (printed + batch.size() >= maxMessages) {
          break;
        }
        batch.add(decode(record));
      }
      format.print(batch);
      printed += batch.size();
    }
    format.finish();
    return printed;
  }

  private ConsumedRecord decode(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(
          header.key(),
          header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    AvroValueDecoder.Result value = decoder.decode(record.value());
    return new ConsumedRecord(
        record.partition(),
        record.offset(),
        Instant.ofEpochMilli(record.timestamp()),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        headers,
        value.schemaId(),
        value.value(),
        value.error());
  }
}
