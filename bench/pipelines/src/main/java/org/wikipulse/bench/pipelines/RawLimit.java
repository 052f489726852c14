package org.wikipulse.bench.pipelines;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.EditRules;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.EditEventDecoder;

/**
 * The ceiling for one process: a plain consumer loop with the runtimes' decoder, the domain's rules
 * and windows, counts in a HashMap and the reference's per-partition watermark (minimum over
 * partitions). No engine, no state store, no fault tolerance. Partitions never go idle here: every
 * partition of the benchmark input has data.
 */
final class RawLimit {
  private static final long NO_WATERMARK = Long.MIN_VALUE;
  private static final Actor[] ACTORS = Actor.values();

  private final WindowSpec spec = WindowSpec.DEFAULT;
  private final long sizeMs = spec.size().toMillis();
  private final long slideMs = spec.slide().toMillis();
  private final long latenessMs = spec.allowedLateness().toMillis();
  private final Map<Long, long[]> countsByWindowStart = new HashMap<>();
  private final long[] partitionWatermark;
  private long watermark = NO_WATERMARK;
  private long oldestOpenStart = Long.MAX_VALUE;

  private RawLimit(int partitions) {
    partitionWatermark = new long[partitions];
    Arrays.fill(partitionWatermark, NO_WATERMARK);
  }

  static void run(ContestantArgs args) {
    ConfluentWireCodecs codecs =
        new ConfluentWireCodecs(
            RegistrySettings.of(args.registryUrl()), args.outputSubject());
    EditEventDecoder decoder = codecs.newDecoder();
    EditCountEncoder encoder = codecs.newEncoder();
    AtomicLong recordsIn = new AtomicLong();
    Progress.report(recordsIn::get);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(args));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(args))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(args.inputTopic())) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      RawLimit analysis = new RawLimit(partitions.size());
      long rejected = 0;
      while (true) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        List<WindowCount> rows = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          recordsIn.incrementAndGet();
          DecodeResult result = decoder.decode(record.value());
          if (result instanceof DecodeResult.Decoded decoded) {
            analysis.accept(record.partition(), decoded.event(), rows);
          } else {
            rejected++;
          }
        }
        for (WindowCount row : rows) {
          producer.send(
              new ProducerRecord<>(
                  args.outputTopic(),
                  EditCountEncoder.keyOf(row).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  encoder.encode(row)));
        }
        if (!rows.isEmpty()) {
          producer.flush();
        }
        if (rejected > 0 && records.isEmpty()) {
          System.err.println("raw limit: " + rejected + " records could not be decoded");
          rejected = 0;
        }
      }
    }
  }

  private void accept(int partition, EditEvent event, List<WindowCount> rows) {
    long eventMs = event.eventTime().toEpochMilli();
    if (EditRules.isCounted(event)) {
      int actor = EditRules.actorOf(event).ordinal();
      long lastStart = Math.floorDiv(eventMs, slideMs) * slideMs;
      for (long start = lastStart - sizeMs + slideMs; start <= lastStart; start += slideMs) {
        if (start + sizeMs > watermark) {
          countsByWindowStart.computeIfAbsent(start, s -> new long[ACTORS.length])[actor]++;
          oldestOpenStart = Math.min(oldestOpenStart, start);
        }
      }
    }
    long candidate = eventMs - latenessMs;
    if (candidate > partitionWatermark[partition]) {
      partitionWatermark[partition] = candidate;
      long min = Long.MAX_VALUE;
      for (long w : partitionWatermark) {
        min = Math.min(min, w);
      }
      if (min > watermark) {
        watermark = min;
        emitClosed(rows);
      }
    }
  }

  private void emitClosed(List<WindowCount> rows) {
    while (!countsByWindowStart.isEmpty() && oldestOpenStart + sizeMs <= watermark) {
      long[] counts = countsByWindowStart.remove(oldestOpenStart);
      if (counts != null) {
        for (int a = 0; a < counts.length; a++) {
          if (counts[a] > 0) {
            rows.add(
                new WindowCount(
                    Instant.ofEpochMilli(oldestOpenStart),
                    Instant.ofEpochMilli(oldestOpenStart + sizeMs),
                    ACTORS[a],
                    counts[a]));
          }
        }
      }
      oldestOpenStart += slideMs;
    }
    if (countsByWindowStart.isEmpty()) {
      oldestOpenStart = Long.MAX_VALUE;
    }
  }

  private static Properties consumerProps(ContestantArgs args) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }

  private static Properties producerProps(ContestantArgs args) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }
}
