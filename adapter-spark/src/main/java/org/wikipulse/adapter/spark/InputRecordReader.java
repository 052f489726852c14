package org.wikipulse.adapter.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the input records the tasks could not decode back from the input topic, by offset, on the
 * driver, and turns each into its dead letter as it comes: the batch's garbage streams through one
 * fetch at a time into the producer's transaction instead of travelling with the task results.
 *
 * <p>A record the input no longer holds (deleted by retention or compaction since the task read it)
 * still gets its dead letter, without its key and value and with the reason saying so: never a
 * silent drop. Not thread-safe; one consumer, kept open across batches.
 */
final class InputRecordReader implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration NO_PROGRESS_TIMEOUT = Duration.ofSeconds(60);

  /** A wanted offset further ahead than this is sought rather than polled through. */
  private static final long SEEK_AHEAD = 500;

  private final Map<String, Object> consumerProperties;
  private KafkaConsumer<byte[], byte[]> consumer;

  /**
   * @param inputProperties bootstrap servers and settings (security, isolation level) of the
   *     input's cluster, as the query's source reads it
   */
  InputRecordReader(Map<String, String> inputProperties) {
    Map<String, Object> properties = new HashMap<>(inputProperties);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // Kafka's 500 ms: a fetch left waiting at the end of one partition holds up the next
    // partition's first fetch by that much, in every batch with undecodable records.
    properties.putIfAbsent(
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, SparkRuntime.DEFAULT_FETCH_MAX_WAIT_MS);
    this.consumerProperties = properties;
  }

  /**
   * Hands each rejected record's dead letter to {@code each}, in the order given per partition.
   *
   * @param rejected in offset order within each input partition
   */
  void deadLettersOf(List<RejectedRecord> rejected, Consumer<DeadLetter> each) {
    if (rejected.isEmpty()) {
      return;
    }
    if (consumer == null) {
      consumer = new KafkaConsumer<>(consumerProperties);
    }
    Map<TopicPartition, List<RejectedRecord>> byPartition = new LinkedHashMap<>();
    for (RejectedRecord record : rejected) {
      byPartition
          .computeIfAbsent(
              new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
          .add(record);
    }
    byPartition.forEach((partition, wanted) -> read(partition, wanted, each));
  }

  private void read(
      TopicPartition partition, List<RejectedRecord> wanted, Consumer<DeadLetter> each) {
    consumer.assign(List.of(partition));
    consumer.seek(partition, wanted.get(0).offset());
    int next = 0;
    long deadline = System.nanoTime() + NO_PROGRESS_TIMEOUT.toNanos();
    while (next < wanted.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Could not read offset "
                + wanted.get(next).offset()
                + " of "
                + partition
                + " back within "
                + NO_PROGRESS_TIMEOUT
                + " to dead-letter it");
      }
      List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(partition);
      int before = next;
      for (ConsumerRecord<byte[], byte[]> record : records) {
        while (next < wanted.size() && wanted.get(next).offset() < record.offset()) {
          each.accept(gone(wanted.get(next++)));
        }
        if (next == wanted.size()) {
          break;
        }
        RejectedRecord target = wanted.get(next);
        if (target.offset() == record.offset()) {
          each.accept(target.deadLetter(sourceOf(record)));
          next++;
        }
        if (next < wanted.size() && wanted.get(next).offset() > record.offset() + SEEK_AHEAD) {
          consumer.seek(partition, wanted.get(next).offset());
          break;
        }
      }
      if (records.isEmpty() && next < wanted.size()) {
        // An empty fetch past the wanted offset: the records between were removed.
        while (next < wanted.size()
            && wanted.get(next).offset() < consumer.position(partition, NO_PROGRESS_TIMEOUT)) {
          each.accept(gone(wanted.get(next++)));
        }
      }
      if (next > before) {
        deadline = System.nanoTime() + NO_PROGRESS_TIMEOUT.toNanos();
      }
    }
  }

  private static SourceRecord sourceOf(ConsumerRecord<byte[], byte[]> record) {
    List<DeadLetter.Header> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(new DeadLetter.Header(header.key(), header.value()));
    }
    return new SourceRecord(
        record.key(),
        record.value(),
        record.topic(),
        record.partition(),
        record.offset(),
        List.copyOf(headers));
  }

  private static DeadLetter gone(RejectedRecord rejected) {
    return DeadLetter.of(
        new SourceRecord(
            null, null, rejected.topic(), rejected.partition(), rejected.offset(), List.of()),
        rejected.reason(),
        rejected.message()
            + " (the record was removed from the input before it could be copied: its key and"
            + " value are missing here)");
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close(Duration.ofSeconds(5));
      consumer = null;
    }
  }
}
