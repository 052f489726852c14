package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.kafka.KafkaClients;
import org.wikipulse.app.kafka.TopicSetup;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.DeadLetterHeaders;

/** {@code ingest} and {@code consume} against the shared local broker and registry. */
class IngestAndConsumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LocalStack stack = SharedLocalStack.get();

  /**
   * Purpose: a file replayed by ingest reads back through consume, decoded with its schema id.
   * Input: the 100 real samples. Pass: ingest reports 100 written; consume prints 100 JSON lines
   * whose values carry the sample's rcids in file order (one wiki, so one partition).
   */
  @Test
  void fileIngestReadsBackAsJsonLines() throws Exception {
    String topic = Samples.unique("samples");

    CliRun ingest =
        CliRun.of(
            Samples.args(
                List.of(
                    "ingest",
                    "--source",
                    "file:" + Samples.RECENT_CHANGES,
                    "--set",
                    "topics.input=" + topic),
                Samples.on(stack)));
    CliRun consume =
        CliRun.of(
            Samples.args(
                List.of(
                    "consume",
                    "--topic",
                    topic,
                    "--from-beginning",
                    "--max-messages",
                    "100",
                    "--idle-timeout",
                    "20s"),
                Samples.on(stack)));

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out()).startsWith("ingest: 100 events written to " + topic);
    assertThat(consume.exitCode()).as(consume.err()).isZero();
    List<String> lines = consume.out().lines().toList();
    assertThat(lines).hasSize(100);
    List<Long> expectedIds = Samples.events().stream().map(e -> e.id()).toList();
    List<Long> ids =
        lines.stream()
            .map(IngestAndConsumeTest::tree)
            .map(n -> n.at("/value/id").asLong())
            .toList();
    assertThat(ids).containsExactlyElementsOf(expectedIds);
    JsonNode first = tree(lines.get(0));
    assertThat(first.get("key").asText()).isEqualTo("enwiki");
    assertThat(first.get("schema_id").isInt()).isTrue();
    assertThat(first.at("/value/meta/domain").asText()).isEqualTo("en.wikipedia.org");
  }

  /**
   * Purpose: the table format lines up the value's fields. Input: 5 generated events. Pass: a
   * header with the flattened field names and 5 rows.
   */
  @Test
  void generatedEventsReadBackAsATable() {
    String topic = Samples.unique("generated");

    CliRun ingest =
        CliRun.of(
            Samples.args(
                List.of(
                    "ingest",
                    "--source",
                    "generator",
                    "--limit",
                    "5",
                    "--set",
                    "topics.input=" + topic),
                Samples.on(stack)));
    CliRun consume =
        CliRun.of(
            Samples.args(
                List.of(
                    "consume",
                    "--topic",
                    topic,
                    "--from-beginning",
                    "--format",
                    "table",
                    "--max-messages",
                    "5",
                    "--idle-timeout",
                    "20s"),
                Samples.on(stack)));

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    List<String> lines = consume.out().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0))
        .startsWith("partition  offset  key")
        .contains("meta.domain", "timestamp", "bot");
  }

  /**
   * Purpose: a dead letter prints with the reason the runtimes put in its headers. Input: a value
   * that is not in the wire format with the dead-letter headers. Pass: the JSON line has the
   * headers and a decode error, and no value.
   */
  @Test
  void deadLettersPrintWithTheirErrorHeaders() throws Exception {
    String topic = Samples.unique("dlq");
    WikipulseConfig config =
        WikipulseConfig.of(
            "kafka.bootstrap-servers=" + stack.bootstrapServers(),
            "registry.url=" + stack.registryUrl());
    TopicSetup.ensure(config, List.of(topic));
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config)) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic, null, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
      record.headers().add(DeadLetterHeaders.ERROR_CLASS, bytes("BAD_MAGIC_BYTE"));
      record.headers().add(DeadLetterHeaders.ERROR_MESSAGE, bytes("First byte is 0x7b, not 0"));
      producer.send(record).get();
    }

    CliRun consume =
        CliRun.of(
            Samples.args(
                List.of(
                    "consume",
                    "--topic",
                    topic,
                    "--from-beginning",
                    "--max-messages",
                    "1",
                    "--idle-timeout",
                    "20s"),
                Samples.on(stack)));

    JsonNode line = tree(consume.out().lines().findFirst().orElseThrow());
    assertThat(line.at("/headers/wikipulse.error.class").asText()).isEqualTo("BAD_MAGIC_BYTE");
    assertThat(line.at("/headers/wikipulse.error.message").asText())
        .isEqualTo("First byte is 0x7b, not 0");
    assertThat(line.get("error").asText()).isNotBlank();
    assertThat(line.has("value")).isFalse();
  }

  /** Purpose: an unreachable registry fails at start naming its URL. Pass: exit 3, one line. */
  @Test
  void anUnreachableRegistryFailsNamingItsUrl() throws Exception {
    int port = CommandLineTest.closedPort();

    CliRun run =
        CliRun.of(
            "consume",
            "--topic",
            "anything",
            "--set",
            "kafka.bootstrap-servers=" + stack.bootstrapServers(),
            "--set",
            "registry.url=http://127.0.0.1:" + port + "/apis/ccompat/v7");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith(
            "wikipulse: Schema registry not reachable at http://127.0.0.1:"
                + port
                + "/apis/ccompat/v7 (connection refused)");
  }

  /** Purpose: consuming a topic that does not exist says so. Pass: exit 2 naming the topic. */
  @Test
  void aMissingTopicIsNamed() {
    CliRun run =
        CliRun.of(
            Samples.args(List.of("consume", "--topic", "no-such-topic-xyz"), Samples.on(stack)));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Topic 'no-such-topic-xyz' does not exist");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode tree(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("Not JSON: " + line, e);
    }
  }
}
