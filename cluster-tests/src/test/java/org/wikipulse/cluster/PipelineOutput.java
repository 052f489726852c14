package org.wikipulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.SchemaRegistry;

/**
 * A pipeline's output and dead-letter topics, read with {@code read_committed}, and the verdicts
 * against the reference's answer for the backlog.
 */
record PipelineOutput(
    List<ConsumerRecord<String, byte[]>> rows, List<ConsumerRecord<String, byte[]>> deadLetters) {

  /** Reads both topics until every expected key and every dead letter is there (or the timeout). */
  static PipelineOutput await(
      String bootstrapServers, String applicationId, GeneratedBacklog backlog, Duration timeout) {
    int keys = backlog.expected().rows().size();
    List<ConsumerRecord<String, byte[]>> rows =
        KafkaTestClients.readUntil(
            bootstrapServers,
            applicationId + "-out",
            timeout,
            records -> distinctKeys(records) >= keys);
    List<ConsumerRecord<String, byte[]>> deadLetters =
        KafkaTestClients.readUntil(
            bootstrapServers,
            applicationId + "-dlq",
            Duration.ofSeconds(30),
            records -> sources(records).size() >= backlog.badRecords());
    return new PipelineOutput(rows, deadLetters);
  }

  /** How many distinct keys the output topic holds now. */
  static int distinctKeys(List<ConsumerRecord<String, byte[]>> records) {
    return (int) records.stream().map(ConsumerRecord::key).distinct().count();
  }

  /**
   * Exactly once: every (window, actor) key once, the rows the reference's, every bad record
   * dead-lettered once.
   */
  void assertExactlyTheReference(GeneratedBacklog backlog, SchemaRegistry registry) {
    assertRowsExactlyTheReference(backlog, registry);
    assertThat(deadLetters).as("dead letters, each once").hasSize(backlog.badRecords());
    assertThat(sources(deadLetters))
        .as("dead-lettered source offsets")
        .hasSize(backlog.badRecords());
  }

  private void assertRowsExactlyTheReference(GeneratedBacklog backlog, SchemaRegistry registry) {
    Set<String> keys = new HashSet<>();
    for (ConsumerRecord<String, byte[]> row : rows) {
      assertThat(keys.add(row.key())).as("key %s written once", row.key()).isTrue();
    }
    assertThat(decoded(latestByKey().values(), registry))
        .as("rows")
        .containsExactlyElementsOf(backlog.expected().sortedRows());
  }

  private Map<String, byte[]> latestByKey() {
    Map<String, byte[]> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> row : rows) {
      latest.put(row.key(), row.value());
    }
    return latest;
  }

  private static List<WindowCount> decoded(Iterable<byte[]> values, SchemaRegistry registry) {
    List<WindowCount> decoded = new ArrayList<>();
    for (byte[] value : values) {
      decoded.add(EditCountRecords.decode(value, registry));
    }
    return decoded.stream().sorted(WindowCount.ORDER).toList();
  }

  /** The (partition, offset) each dead letter came from, from its headers. */
  private static Set<String> sources(List<ConsumerRecord<String, byte[]>> deadLetters) {
    Set<String> sources = new HashSet<>();
    for (ConsumerRecord<String, byte[]> letter : deadLetters) {
      sources.add(
          header(letter, DeadLetterHeaders.SOURCE_PARTITION)
              + "@"
              + header(letter, DeadLetterHeaders.SOURCE_OFFSET));
    }
    return sources;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    if (header == null) {
      throw new AssertionError(
          "Dead letter without header " + name + " at offset " + record.offset());
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
