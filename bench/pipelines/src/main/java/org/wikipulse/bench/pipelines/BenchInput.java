package org.wikipulse.bench.pipelines;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.testkit.RecentChangeGenerator;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.domain.ReferenceAnalysis;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The input topic and its oracle: writes the generated backlog once (a third under the v2 schema
 * with {@code --evolve}), a closing canary per partition, and later a short live tail per
 * contestant; feeds every record to a {@link ReferenceAnalysis} in the order it was sent, so the
 * rows the reference has emitted are exactly the rows a correct contestant writes.
 */
final class BenchInput implements AutoCloseable {
  static final int PARTITIONS = 4;
  private static final long TAIL_STEP_SECONDS = 30;

  /** One live-tail step: the event time it moved the watermark to and when the broker had it. */
  record TailStep(long watermarkAfterMs, long appendedAtMs) {}

  private final String topic;
  private final RecentChangeGenerator generator =
      new RecentChangeGenerator(AvroSchemas.RECENT_CHANGE, 1, Instant.parse("2024-04-26T00:00:00Z"), 50, Duration.ofSeconds(50));
  private final RecentChangeWriter v1;
  private final RecentChangeWriter v2;
  private final KafkaProducer<byte[], byte[]> producer;
  private final ReferenceAnalysis reference = new ReferenceAnalysis(WindowSpec.DEFAULT, PARTITIONS);
  private final Map<RowKey, Long> expected = new HashMap<>();
  private long recordsWritten;
  private long writtenUnderV2;
  private long nextTailSecond;
  private RecentChangeWriter tailWriter;

  /** A row's identity: window start and actor. */
  record RowKey(long windowStartMs, String actor) {
    static RowKey of(WindowCount row) {
      return new RowKey(row.windowStart().toEpochMilli(), row.actor().label());
    }
  }

  BenchInput(String bootstrapServers, String topic, SchemaRegistry registry, String subject) {
    this.topic = topic;
    this.v1 = new RecentChangeWriter(registry, subject, AvroSchemas.RECENT_CHANGE);
    this.v2 = new RecentChangeWriter(registry, subject, AvroSchemas.RECENT_CHANGE_V2);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(props);
  }

  /** Writes the backlog and one closing canary per partition; fails if any send failed. */
  void loadBacklog(int events, boolean evolve) {
    v1.schemaId();
    if (evolve) {
      v2.schemaId();
    }
    Random partitions = new Random(1);
    AtomicLong failed = new AtomicLong();
    long maxSecond = Long.MIN_VALUE;
    for (int i = 0; i < events; i++) {
      GenericRecord record = generator.next();
      maxSecond = Math.max(maxSecond, (Long) record.get("timestamp"));
      boolean underV2 = evolve && i % 3 == 2;
      byte[] value = (underV2 ? v2 : v1).write(record);
      writtenUnderV2 += underV2 ? 1 : 0;
      int partition = partitions.nextInt(PARTITIONS);
      producer.send(
          new ProducerRecord<>(topic, partition, null, value),
          (metadata, error) -> {
            if (error != null) {
              failed.incrementAndGet();
            }
          });
      accept(partition, record);
    }
    long canarySecond = maxSecond + 3600;
    for (int p = 0; p < PARTITIONS; p++) {
      GenericRecord canary = generator.next();
      canary.put("type", "edit");
      canary.put("timestamp", canarySecond);
      ((GenericRecord) canary.get("meta")).put("domain", "canary");
      producer.send(new ProducerRecord<>(topic, p, null, v1.write(canary)));
      accept(p, canary);
    }
    producer.flush();
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " backlog records were not written");
    }
    // After an evolution the live producer writes the new version.
    tailWriter = evolve ? v2 : v1;
    nextTailSecond = Math.floorDiv(canarySecond + 600, TAIL_STEP_SECONDS) * TAIL_STEP_SECONDS;
  }

  /**
   * One live step: an edit by a Human on partitions 0 and 1 and by a Bot on 2 and 3, all 30 s of
   * event time after the previous step, so each step closes one more window with two rows. Written
   * under v2 after an evolution, v1 otherwise.
   */
  TailStep tailStep() throws InterruptedException, ExecutionException {
    long second = nextTailSecond;
    nextTailSecond += TAIL_STEP_SECONDS;
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      GenericRecord edit = generator.next();
      edit.put("type", "edit");
      edit.put("timestamp", second);
      edit.put("bot", p >= 2);
      ((GenericRecord) edit.get("meta")).put("domain", "en.wikipedia.org");
      sends.add(producer.send(new ProducerRecord<>(topic, p, null, tailWriter.write(edit))));
      accept(p, edit);
    }
    producer.flush();
    long appendedAt = 0;
    for (Future<RecordMetadata> send : sends) {
      // The input topic uses LogAppendTime: the last partition to get its record moves the
      // minimum watermark, so the step's close time is the latest append.
      appendedAt = Math.max(appendedAt, send.get().timestamp());
    }
    return new TailStep(
        second * 1000 - WindowSpec.DEFAULT.allowedLateness().toMillis(), appendedAt);
  }

  private void accept(int partition, GenericRecord record) {
    recordsWritten++;
    for (WindowCount row : reference.accept(partition, RecentChangeRecords.toEditEvent(record))) {
      if (expected.put(RowKey.of(row), row.count()) != null) {
        throw new IllegalStateException("The reference emitted " + row + " twice");
      }
    }
  }

  /** Every row the reference has emitted so far: what a correct contestant has written by now. */
  Map<RowKey, Long> expectedRows() {
    return Map.copyOf(expected);
  }

  long recordsWritten() {
    return recordsWritten;
  }

  long writtenUnderV2() {
    return writtenUnderV2;
  }

  long referenceCounted() {
    return reference.counted();
  }

  long referenceDroppedLate() {
    return reference.droppedLate();
  }

  @Override
  public void close() {
    producer.close();
  }
}
