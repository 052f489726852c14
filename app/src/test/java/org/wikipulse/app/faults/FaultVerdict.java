package org.wikipulse.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The fault suite's pass condition, read from the broker with {@code read_committed}: the output
 * equals the reference row for row with each (window, actor) key exactly once, and each bad record
 * is dead-lettered exactly once (by its source partition and offset headers) and nothing else is.
 */
final class FaultVerdict {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private FaultVerdict() {}

  /** How often each output key was written: read once the expected count is there. */
  static Map<String, Long> outputKeyCounts(String bootstrapServers, String topic, int expected) {
    return KafkaTestClients.readAtLeast(bootstrapServers, topic, expected, READ_TIMEOUT).stream()
        .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
  }

  /**
   * How many records of a topic a {@code read_committed} reader sees now: those up to each
   * partition's last stable offset, which a transaction left open by a killed producer holds back.
   */
  static long committedCount(String bootstrapServers, String topic) {
    long[] count = {0};
    TopicReads.readToTheEnd(
        bootstrapServers, topic, "read_committed", READ_TIMEOUT, record -> count[0]++);
    return count[0];
  }

  /**
   * How many records a topic written without transactions holds (end minus beginning offsets), for
   * the report: an input written twice in part would explain counters over the input.
   */
  static long recordsOn(String bootstrapServers, String topic) {
    Duration timeout = Duration.ofSeconds(10);
    try (KafkaConsumer<byte[], byte[]> consumer =
        TopicReads.consumer(bootstrapServers, "read_uncommitted")) {
      List<TopicPartition> partitions = TopicReads.partitionsOf(consumer, topic, timeout);
      long records = 0;
      for (long end : consumer.endOffsets(partitions, timeout).values()) {
        records += end;
      }
      for (long begin : consumer.beginningOffsets(partitions, timeout).values()) {
        records -= begin;
      }
      return records;
    }
  }

  /** Asserts the output: the reference's rows, each key once. */
  static void assertOutputIsTheReference(
      String bootstrapServers, String topic, FaultInput input, SchemaRegistry registry) {
    List<WindowCount> expected = input.expected().sortedRows();
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestClients.readAtLeast(bootstrapServers, topic, expected.size(), READ_TIMEOUT);
    Map<String, Long> perKey =
        records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    Map<String, Long> repeated = new HashMap<>(perKey);
    repeated.values().removeIf(count -> count == 1);
    assertThat(repeated).as("(window, actor) keys written more than once").isEmpty();
    List<WindowCount> rows = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      WindowCount row = EditCountRecords.decode(record.value(), registry);
      assertThat(record.key()).isEqualTo(EditCountEncoder.keyOf(row));
      rows.add(row);
    }
    assertThat(rows.stream().sorted(WindowCount.ORDER).toList())
        .as("output rows against the reference")
        .containsExactlyElementsOf(expected);
  }

  /**
   * For a runtime without exactly-once output: the distinct rows equal the reference (nothing lost,
   * no wrong count) and each bad record is dead-lettered, repeats allowed.
   */
  static void assertOutputIsTheReferenceAtLeastOnce(
      String bootstrapServers,
      String output,
      String deadLetters,
      FaultInput input,
      SchemaRegistry registry) {
    List<WindowCount> expected = input.expected().sortedRows();
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestClients.readAtLeast(bootstrapServers, output, expected.size(), READ_TIMEOUT);
    assertThat(
            records.stream()
                .map(record -> EditCountRecords.decode(record.value(), registry))
                .distinct()
                .sorted(WindowCount.ORDER)
                .toList())
        .as("distinct output rows against the reference")
        .containsExactlyElementsOf(expected);
    List<ConsumerRecord<String, byte[]>> dead =
        KafkaTestClients.readAtLeast(
            bootstrapServers, deadLetters, input.badRecords(), READ_TIMEOUT);
    assertThat(dead.stream().map(FaultVerdict::sourceOf).distinct().toList())
        .as("dead-lettered source offsets: exactly the bad records, no decodable one")
        .containsExactlyInAnyOrderElementsOf(input.badPositions());
  }

  /** Asserts the dead letters: each bad record once, by its source offset, and nothing else. */
  static void assertEachBadRecordDeadLetteredOnce(
      String bootstrapServers, String topic, FaultInput input) {
    assertEachBadRecordDeadLettered(bootstrapServers, topic, input, true);
  }

  /**
   * Every bad record, and no decodable one, in the dead-letter topic; with {@code once}, each once
   * (by its source offset headers), otherwise at least once.
   */
  static void assertEachBadRecordDeadLettered(
      String bootstrapServers, String topic, FaultInput input, boolean once) {
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestClients.readAtLeast(bootstrapServers, topic, input.badRecords(), READ_TIMEOUT);
    Map<FaultInput.Position, Long> perSource =
        records.stream()
            .map(FaultVerdict::sourceOf)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    Map<FaultInput.Position, Long> repeated = new HashMap<>(perSource);
    repeated.values().removeIf(count -> count == 1);
    if (once) {
      assertThat(repeated).as("records dead-lettered more than once").isEmpty();
    }
    assertThat(perSource.keySet())
        .as("dead-lettered source offsets: exactly the bad records, no decodable one")
        .containsExactlyInAnyOrderElementsOf(input.badPositions());
  }

  private static FaultInput.Position sourceOf(ConsumerRecord<String, byte[]> record) {
    return new FaultInput.Position(
        Integer.parseInt(header(record, DeadLetterHeaders.SOURCE_PARTITION)),
        Long.parseLong(header(record, DeadLetterHeaders.SOURCE_OFFSET)));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("dead letter header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
