package org.wikipulse.app.faults;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.EditRules;
import org.wikipulse.domain.ReferenceInput;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.SchemaRegistry;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * The fault suite's input: generated recentchange events on a 4-partition topic, out of order
 * within the lateness so that no event is late however the partitions interleave, with an
 * undecodable record (empty, bad magic byte, truncated body, in turn) every {@value #BAD_EVERY}
 * events, and a canary far ahead in every partition at the very end that closes every window.
 * Written in two parts: a backlog before the pipeline starts and a live tail while it runs.
 */
final class FaultInput {
  static final int PARTITIONS = 4;
  static final int BAD_EVERY = 500;

  /** One record to write: where, and its value. */
  private record Planned(int partition, long timestampMs, byte[] key, byte[] value) {}

  /** Where a record landed. */
  record Position(int partition, long offset) {}

  private final String topic;
  private final List<Planned> planned = new ArrayList<>();
  private final Map<ByteBuffer, EditEvent> plannedEvents = new HashMap<>();
  private final Set<ByteBuffer> plannedBadValues = new HashSet<>();
  private final int plannedBadRecords;
  private volatile int written;

  /** The topic read back once every planned record is written, or null before. */
  private volatile InputAsWritten asWritten;

  /**
   * Why a planned record did not reach the topic, once one has not: the reference would be wrong.
   */
  private volatile IllegalStateException notWritten;

  /**
   * Plans {@code events} events from {@code seed} and computes the reference's answer; writes
   * nothing yet.
   */
  FaultInput(String topic, SchemaRegistry registry, int events, long seed) {
    this.topic = topic;
    String subject = topic + "-value";
    RecentChangeWriter writer =
        new RecentChangeWriter(registry, subject, AvroSchemas.RECENT_CHANGE);
    RecentChangeGenerator generator =
        new RecentChangeGenerator(
            AvroSchemas.RECENT_CHANGE,
            seed,
            Instant.parse("2024-04-26T00:00:00Z"),
            50,
            Duration.ofSeconds(50));
    Random partitioner = new Random(seed);
    List<ReferenceInput> inputs = new ArrayList<>();
    long lastSecond = Long.MIN_VALUE;
    int bad = 0;
    for (int i = 0; i < events; i++) {
      GenericRecord record = generator.next();
      int partition = partitioner.nextInt(PARTITIONS);
      byte[] value = writer.write(record);
      long second = (Long) record.get("timestamp");
      planned.add(new Planned(partition, second * 1000, key(i), value));
      EditEvent event = RecentChangeRecords.toEditEvent(record);
      plannedEvents.put(ByteBuffer.wrap(value), event);
      inputs.add(new ReferenceInput.Event(partition, event));
      lastSecond = Math.max(lastSecond, second);
      if (i % BAD_EVERY == BAD_EVERY / 2) {
        byte[] badValue = badValue(bad, value);
        planned.add(new Planned(partition, second * 1000, null, badValue));
        plannedBadValues.add(ByteBuffer.wrap(badValue));
        bad++;
      }
    }
    for (int p = 0; p < PARTITIONS; p++) {
      GenericRecord canary = generator.next();
      canary.put("type", EditRules.EDIT_TYPE);
      canary.put("timestamp", lastSecond + 3600);
      ((GenericRecord) canary.get("meta")).put("domain", EditRules.CANARY_DOMAIN);
      byte[] value = writer.write(canary);
      planned.add(new Planned(p, (lastSecond + 3600) * 1000, null, value));
      EditEvent event = RecentChangeRecords.toEditEvent(canary);
      plannedEvents.put(ByteBuffer.wrap(value), event);
      inputs.add(new ReferenceInput.Event(p, event));
    }
    this.plannedBadRecords = bad;
    if (ReferenceResult.of(WindowSpec.DEFAULT, PARTITIONS, inputs).droppedLate() != 0) {
      throw new IllegalStateException("The fault input must have no late event");
    }
  }

  private static byte[] badValue(int n, byte[] good) {
    return switch (n % 3) {
      case 0 -> new byte[0];
      case 1 -> {
        byte[] copy = good.clone();
        copy[0] = 7;
        yield copy;
      }
      default -> java.util.Arrays.copyOf(good, 8);
    };
  }

  private static byte[] key(int i) {
    return ("rc-" + i).getBytes(StandardCharsets.UTF_8);
  }

  /** Creates the topic. */
  void createTopic(String bootstrapServers) {
    KafkaTestClients.createTopic(bootstrapServers, topic, PARTITIONS);
  }

  /** Writes the next {@code fraction} of the planned records at once. */
  void writeBacklog(String bootstrapServers, double fraction) {
    int until = (int) Math.min(planned.size(), written + Math.round(planned.size() * fraction));
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
      write(producer, until, 0);
    }
    readBackOnceAllIsWritten(bootstrapServers);
  }

  /**
   * Writes the rest on a thread of its own at about {@code perSecond} records a second, the
   * canaries last; join the thread to know it is all written.
   */
  Thread startTail(String bootstrapServers, int perSecond) {
    return startTail(bootstrapServers, perSecond, 1.0);
  }

  /**
   * Writes on a thread of its own, at about {@code perSecond} records a second, until {@code
   * untilFraction} of the planned records are written; join the thread before writing more.
   */
  Thread startTail(String bootstrapServers, int perSecond, double untilFraction) {
    int until = (int) Math.min(planned.size(), Math.round(planned.size() * untilFraction));
    Thread tail =
        new Thread(
            () -> {
              try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
                write(producer, until, perSecond);
              }
              readBackOnceAllIsWritten(bootstrapServers);
            },
            "fault-input-tail");
    tail.setDaemon(true);
    tail.start();
    return tail;
  }

  /**
   * The contract kit's batching producer ({@link KafkaTestClients}), one request in flight: on a
   * topic created a moment before, the broker once appended a partition's later batches before its
   * first, then refused the first as out of order (OutOfOrderSequenceException) until it expired,
   * and the case failed writing.
   */
  private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    return KafkaTestClients.producer(
        bootstrapServers, Map.of(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"));
  }

  /**
   * Writes the planned records up to {@code until}, and fails, for this call and every later {@link
   * #expected()}, if any of them was not written: a record the broker never took (a batch refused
   * until it expired, as once on a new topic) would otherwise be missing from the topic but counted
   * by the reference, and its windows' rows would look short.
   */
  private void write(KafkaProducer<byte[], byte[]> producer, int until, int perSecond) {
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    Callback onFailure =
        (metadata, error) -> {
          if (error != null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, error);
          }
        };
    long startedAt = System.nanoTime();
    int first = written;
    for (; written < until; written++) {
      Planned record = planned.get(written);
      producer.send(
          new ProducerRecord<>(
              topic, record.partition(), record.timestampMs(), record.key(), record.value()),
          onFailure);
      if (perSecond > 0 && (written - first) % 100 == 0) {
        pace(startedAt, written - first, perSecond);
      }
    }
    producer.flush();
    if (failed.get() > 0) {
      notWritten =
          new IllegalStateException(
              failed.get()
                  + " planned records were not written to "
                  + topic
                  + ", so the reference does not describe the topic; first error: "
                  + firstFailure.get(),
              firstFailure.get());
      throw notWritten;
    }
  }

  /**
   * Once every planned record is written, reads the topic back, so that the counts and the
   * reference describe what the pipeline is given (see {@link InputAsWritten}); says so when that
   * is not the plan.
   */
  private void readBackOnceAllIsWritten(String bootstrapServers) {
    if (written < planned.size()) {
      return;
    }
    InputAsWritten read =
        InputAsWritten.read(bootstrapServers, topic, PARTITIONS, plannedEvents, plannedBadValues);
    if (read.records() != planned.size()) {
      System.out.printf(
          "input %s: the topic holds %,d records for %,d planned (%,d bad for %,d): the verdict"
              + " uses the topic's%n",
          topic, read.records(), planned.size(), read.badRecords(), plannedBadRecords);
    }
    asWritten = read;
  }

  private static void pace(long startedAt, int sent, int perSecond) {
    long dueNanos = startedAt + sent * 1_000_000_000L / perSecond;
    long waitMs = (dueNanos - System.nanoTime()) / 1_000_000;
    if (waitMs > 0) {
      try {
        Thread.sleep(waitMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  String topic() {
    return topic;
  }

  /** Records written so far. */
  int written() {
    return written;
  }

  /** The newest event time among the records written so far, in ms. */
  long newestEventTimeWrittenMs() {
    long newest = Long.MIN_VALUE;
    for (Planned record : planned.subList(0, written)) {
      newest = Math.max(newest, record.timestampMs());
    }
    return newest;
  }

  /**
   * Every record of the input, events, bad records and canaries: as the topic holds them once all
   * is written, as planned until then.
   */
  int records() {
    InputAsWritten read = asWritten;
    return read != null ? Math.toIntExact(read.records()) : planned.size();
  }

  /** Every record planned: events, bad records and canaries. */
  int plannedRecords() {
    return planned.size();
  }

  /** The undecodable records on the topic, once all is written. */
  int badRecords() {
    return asWritten().badRecords();
  }

  /** Where the bad records landed, once all is written. */
  Set<Position> badPositions() {
    return asWritten().badPositions();
  }

  /**
   * The reference's answer for the input as the topic holds it, once all is written; refuses once a
   * planned record was not written.
   */
  ReferenceResult expected() {
    return asWritten().expected();
  }

  private InputAsWritten asWritten() {
    if (notWritten != null) {
      throw notWritten;
    }
    InputAsWritten read = asWritten;
    if (read == null) {
      throw new IllegalStateException(
          "Only " + written + " of " + planned.size() + " planned records are written to " + topic);
    }
    return read;
  }
}
