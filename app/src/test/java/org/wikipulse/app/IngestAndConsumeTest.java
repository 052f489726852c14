package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.kafka.JobTopics;
import org.wikipulse.app.kafka.KafkaClients;
import org.wikipulse.localstack.KafkaBrokerProcess;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.topics.TopicPlan;

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

    CliRun ingest = ingestSamples(topic);
    CliRun consume = consumeFromBeginning(topic, 100);

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
    CliRun consume = consumeFromBeginning(topic, 5, "--format", "table");

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
    JobTopics.ensure(config, List.of(TopicPlan.deadLetters(topic, Optional.empty(), 1_048_588)));
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config)) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic, null, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
      record.headers().add(DeadLetterHeaders.ERROR_CLASS, bytes("BAD_MAGIC_BYTE"));
      record.headers().add(DeadLetterHeaders.ERROR_MESSAGE, bytes("First byte is 0x7b, not 0"));
      producer.send(record).get();
    }

    CliRun consume = consumeFromBeginning(topic, 1);

    JsonNode line = tree(consume.out().lines().findFirst().orElseThrow());
    assertThat(line.at("/headers/wikipulse.error.class").asText()).isEqualTo("BAD_MAGIC_BYTE");
    assertThat(line.at("/headers/wikipulse.error.message").asText())
        .isEqualTo("First byte is 0x7b, not 0");
    assertThat(line.get("error").asText()).isNotBlank();
    assertThat(line.has("value")).isFalse();
  }

  /**
   * Purpose: --schema writes under an evolved writer schema, and consume reads each record with its
   * own. Input: 3 sample lines written under RecentChange v2 after 2 under v1. Pass: two schema ids
   * on the topic, and the v2 records carry v2's added field.
   */
  @Test
  void anEvolvedWriterSchemaIsRegisteredAndReadBack(@TempDir Path dir) throws Exception {
    String topic = Samples.unique("evolved");
    Path v2 = dir.resolve("RecentChangeV2.avsc");
    Files.writeString(v2, AvroSchemas.RECENT_CHANGE_V2.toString(true));
    List<String> topicSet = List.of("--set", "topics.input=" + topic);

    CliRun v1Ingest =
        CliRun.of(
            Samples.args(
                List.of("ingest", "--source", "file:" + Samples.RECENT_CHANGES, "--limit", "2"),
                List.of(Samples.args(topicSet, Samples.on(stack)))));
    CliRun v2Ingest =
        CliRun.of(
            Samples.args(
                List.of(
                    "ingest",
                    "--source",
                    "file:" + Samples.RECENT_CHANGES,
                    "--limit",
                    "3",
                    "--schema",
                    v2.toString()),
                List.of(Samples.args(topicSet, Samples.on(stack)))));
    CliRun consume = consumeFromBeginning(topic, 5);

    assertThat(v1Ingest.exitCode()).as(v1Ingest.err()).isZero();
    assertThat(v2Ingest.exitCode()).as(v2Ingest.err()).isZero();
    List<JsonNode> lines = consume.out().lines().map(IngestAndConsumeTest::tree).toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.stream().map(n -> n.get("schema_id").asInt()).distinct()).hasSize(2);
    assertThat(lines.get(0).get("value").has("ingested_by")).isFalse();
    assertThat(lines.get(4).get("value").has("ingested_by")).isTrue();
  }

  /**
   * Purpose: ingest --source wikimedia works end to end against a stand-in for EventStreams. Input:
   * a local SSE server replaying 20 recorded events. Pass: 20 records land on the topic.
   */
  @Test
  void wikimediaSourceIngestsFromAnEventStream() throws Exception {
    String topic = Samples.unique("live");
    List<String> recorded = Files.readAllLines(Samples.RECENT_CHANGES).subList(0, 20);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v2/stream/recentchange",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          try (var body = exchange.getResponseBody()) {
            for (int i = 0; i < recorded.size(); i++) {
              body.write(
                  ("id: " + i + "\nevent: message\ndata: " + recorded.get(i) + "\n\n")
                      .getBytes(StandardCharsets.UTF_8));
            }
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/stream/recentchange";
      CliRun ingest =
          CliRun.of(
              Samples.args(
                  List.of(
                      "ingest",
                      "--source",
                      "wikimedia",
                      "--stream-url",
                      url,
                      "--limit",
                      "20",
                      "--set",
                      "topics.input=" + topic),
                  Samples.on(stack)));
      CliRun consume = consumeFromBeginning(topic, 20);

      assertThat(ingest.exitCode()).as(ingest.err()).isZero();
      assertThat(ingest.out()).startsWith("ingest: 20 events written to " + topic);
      assertThat(consume.out().lines()).hasSize(20);
    } finally {
      server.stop(0);
    }
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

  /**
   * {@code consume} of a whole topic on the shared stack, stopping after {@code maxMessages} or
   * after 20 s without a new one.
   */
  /**
   * Purpose: a {@code kafka.client.*} setting is applied, not just accepted. Input: ingest of the
   * samples with {@code kafka.client.security.protocol=SSL} against the plaintext broker. Pass: the
   * start check fails (exit 3) naming the broker and the protocol, where the same command without
   * it succeeds (the test above).
   */
  @Test
  void aKafkaClientSecuritySettingReachesTheStartCheck() {
    CliRun ingest =
        ingestSamples(
            Samples.unique("ssl"),
            "--set",
            "kafka.client.security.protocol=SSL",
            "--set",
            "connect-timeout=2s");

    assertThat(ingest.exitCode()).as(ingest.out()).isEqualTo(3);
    assertThat(ingest.err())
        .contains(stack.bootstrapServers())
        .contains("kafka.client.security.protocol (here SSL)");
  }

  /**
   * Purpose: {@code kafka.client.*} settings log the start check, the producer and the reader in to
   * a secured listener. Input: the samples ingested and read back through the local broker's
   * SASL/PLAIN listener with its user's settings; then ingest with a wrong password. Pass: 100
   * written and 100 read; the wrong password fails the start check (exit 3), saying so.
   */
  @Test
  void kafkaClientSettingsLogInThroughASaslListener() {
    String topic = Samples.unique("sasl");
    List<String> settings =
        new ArrayList<>(
            List.of("--set", "kafka.bootstrap-servers=" + stack.saslPlainBootstrapServers()));
    KafkaBrokerProcess.saslPlainClientProperties()
        .forEach(
            (key, value) -> settings.addAll(List.of("--set", "kafka.client." + key + "=" + value)));
    String[] login = settings.toArray(String[]::new);

    CliRun ingest = ingestSamples(topic, login);
    CliRun consume = consumeFromBeginning(topic, 100, login);
    settings.addAll(
        List.of(
            "--set",
            "kafka.client.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"wikipulse\" password=\"wrong\";"));
    CliRun refused = ingestSamples(Samples.unique("sasl-refused"), settings.toArray(String[]::new));

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out()).startsWith("ingest: 100 events written to " + topic);
    assertThat(consume.exitCode()).as(consume.err()).isZero();
    assertThat(consume.out().lines()).hasSize(100);
    assertThat(refused.exitCode()).as(refused.out()).isEqualTo(3);
    assertThat(refused.err()).containsIgnoringCase("authentication failed");
  }

  /** Ingests the 100 real samples into the topic. */
  private CliRun ingestSamples(String topic, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ingest",
                "--source",
                "file:" + Samples.RECENT_CHANGES,
                "--set",
                "topics.input=" + topic));
    args.addAll(Samples.on(stack));
    args.addAll(List.of(options)); // last, so that they can override the stack's addresses
    return CliRun.of(args.toArray(String[]::new));
  }

  private CliRun consumeFromBeginning(String topic, int maxMessages, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "consume",
                "--topic",
                topic,
                "--from-beginning",
                "--max-messages",
                Integer.toString(maxMessages),
                "--idle-timeout",
                "20s"));
    args.addAll(Samples.on(stack));
    args.addAll(List.of(options)); // last, so that they can override the stack's addresses
    return CliRun.of(args.toArray(String[]::new));
  }
}
