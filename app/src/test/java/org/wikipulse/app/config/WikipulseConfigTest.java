package org.wikipulse.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.KafkaSource.StartingOffsets;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.PipelineSpec;

class WikipulseConfigTest {

  @TempDir Path dir;

  /** The defaults are the original article's job. */
  @Test
  void defaultsAreTheOriginalJob() {
    WikipulseConfig config = WikipulseConfig.of();

    assertThat(config.runtime()).isEqualTo("kafka-streams");
    assertThat(config.applicationId()).isEqualTo("wikipulse-kafka-streams");
    assertThat(config.topics())
        .isEqualTo(
            new Topics(
                "wikimedia",
                "wikimedia.processed",
                "wikimedia.dlq",
                "wikimedia-value",
                "wikimedia.processed-value"));
    assertThat(config.windows()).isEqualTo(WindowSpec.DEFAULT);
    assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.kafka().startingOffsets()).isEqualTo(StartingOffsets.EARLIEST);
    assertThat(config.registryUrl()).hasToString("http://127.0.0.1:8081/apis/ccompat/v7");
    assertThat(config.engineProperties()).isEmpty();
  }

  @Test
  void buildsThePipelineSpecWithAStateDirectoryPerRuntime() {
    PipelineSpec spec =
        WikipulseConfig.of(
                "runtime=spark",
                "state-dir=/tmp/wp",
                "idle-timeout=2m",
                "engine.spark.master=local[2]")
            .pipelineSpec();

    assertThat(spec.applicationId()).isEqualTo("wikipulse-spark");
    assertThat(spec.stateDirectory()).isEqualTo(Path.of("/tmp/wp/spark"));
    assertThat(spec.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(spec.engineProperties())
        .containsExactlyEntriesOf(Map.of("spark.master", "local[2]"));
    assertThat(spec.sink().valueSubject()).isEqualTo("wikimedia.processed-value");
  }

  @Test
  void layersOverrideInOrderFileThenEnvironmentThenSet() throws IOException {
    Path file = dir.resolve("wikipulse.yaml");
    Files.writeString(
        file,
        """
        runtime: spark
        topics:
          input: from-file
          output: out-file
        windows:
          size: 2m
        engine:
          spark.sql.shuffle.partitions: 4
        """);

    WikipulseConfig config =
        WikipulseConfig.from(
            ConfigLayers.load(
                file,
                Map.of(
                    "WIKIPULSE_TOPICS_INPUT", "from-env",
                    "WIKIPULSE_KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9093",
                    "WIKIPULSE_ENGINE_NUM_STREAM_THREADS", "2",
                    "WIKIPULSE_JAVA_OPTS", "-Xmx1g",
                    "PATH", "/bin"),
                List.of("topics.input=from-set")));

    assertThat(config.runtime()).isEqualTo("spark");
    assertThat(config.topics().input()).isEqualTo("from-set");
    assertThat(config.topics().output()).isEqualTo("out-file");
    assertThat(config.topics().outputSubject()).isEqualTo("out-file-value");
    assertThat(config.windows().size()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.kafka().addresses()).hasToString("[broker-1:9092, broker-2:9093]");
    assertThat(config.engineProperties())
        .containsEntry("spark.sql.shuffle.partitions", "4")
        .containsEntry("num.stream.threads", "2");
  }

  /**
   * Purpose: Kafka client settings come from every layer, reach the pipeline spec, and their
   * secrets stay out of {@code wikipulse config}. Input: the protocol in the file, the mechanism in
   * the environment, the JAAS line by --set. Pass: all three in the config and the spec; the JAAS
   * line masked in the description, the protocol shown.
   */
  @Test
  void kafkaClientSettingsComeFromEveryLayerAndHideTheirSecrets() throws IOException {
    Path file = dir.resolve("secure.yaml");
    Files.writeString(
        file,
        """
        kafka:
          bootstrap-servers: broker:9093
          client:
            security.protocol: SASL_SSL
        """);
    String jaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s\";";

    WikipulseConfig config =
        WikipulseConfig.from(
            ConfigLayers.load(
                file,
                Map.of("WIKIPULSE_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN"),
                List.of("kafka.client.sasl.jaas.config=" + jaas)));

    Map<String, String> expected =
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", jaas);
    assertThat(config.kafkaClientProperties()).isEqualTo(expected);
    assertThat(config.pipelineSpec().kafkaClientProperties()).isEqualTo(expected);
    assertThat(config.describe())
        .containsEntry("kafka.client.security.protocol", "SASL_SSL")
        .containsEntry("kafka.client.sasl.jaas.config", "******");
  }

  /** Settings wikipulse makes itself are refused among the client settings, naming the key. */
  @Test
  void clientSettingsThatWikipulseMakesAreRefused() {
    assertThatThrownBy(() -> WikipulseConfig.of("kafka.client.bootstrap.servers=x:1"))
        .hasMessageContaining("kafka.client.bootstrap.servers")
        .hasMessageContaining("kafka.bootstrap-servers");
    assertThatThrownBy(() -> WikipulseConfig.of("kafka.client.value.deserializer=X"))
        .hasMessageContaining("kafka.client.value.deserializer");
  }

  /**
   * Purpose: registry credentials are validated as a whole and kept out of {@code wikipulse
   * config}. Input: a full basic-auth pair; half a pair; basic auth with a token. Pass: the pair is
   * taken with its password masked in the description; the others name the key at fault.
   */
  @Test
  void registryCredentialsAreCheckedAndMasked() {
    WikipulseConfig config =
        WikipulseConfig.of("registry.basic-auth-user=key", "registry.basic-auth-password=secret");

    assertThat(config.registryCredentials().hasBasicAuth()).isTrue();
    assertThat(config.registryCredentials()).hasToString("basic auth as key");
    assertThat(config.describe())
        .containsEntry("registry.basic-auth-user", "key")
        .containsEntry("registry.basic-auth-password", "******")
        .containsEntry("registry.bearer-token", "");
    assertThatThrownBy(() -> WikipulseConfig.of("registry.basic-auth-user=key"))
        .hasMessageContaining("registry.basic-auth-user");
    assertThatThrownBy(
            () ->
                WikipulseConfig.of(
                    "registry.basic-auth-user=key",
                    "registry.basic-auth-password=secret",
                    "registry.bearer-token=t"))
        .hasMessageContaining("registry.bearer-token");
  }

  @Test
  void theConfigFileCanComeFromTheEnvironment() throws IOException {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "topics:\n  dead-letters: my-dlq\n");

    WikipulseConfig config =
        WikipulseConfig.from(
            ConfigLayers.load(null, Map.of("WIKIPULSE_CONFIG", file.toString()), List.of()));

    assertThat(config.topics().deadLetters()).isEqualTo("my-dlq");
  }

  @Test
  void aSlideLargerThanTheSizeNamesTheKey() {
    assertThatThrownBy(() -> WikipulseConfig.of("windows.slide=90s"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration windows.slide=90s (from --set): must not be larger than"
                + " windows.size (1m)")
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("windows.slide");
  }

  @Test
  void aNegativeDurationNamesTheKeyAndItsOrigin() {
    assertThatThrownBy(
            () ->
                WikipulseConfig.from(
                    ConfigLayers.load(null, Map.of("WIKIPULSE_IDLE_TIMEOUT", "-5s"), List.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration idle-timeout=-5s (from environment variable"
                + " WIKIPULSE_IDLE_TIMEOUT): must not be negative");
  }

  /**
   * Purpose: late-events is validated like every key and reaches the runtime. Input: the default,
   * dead-letter in upper case, and a misspelling. Pass: count, then DEAD_LETTER in the spec and
   * {@code dead-letter} in the description; the misspelling names the key and both choices.
   */
  @Test
  void lateEventsAreCountedByDefaultAndDeadLetteredWhenAsked() {
    assertThat(WikipulseConfig.of().pipelineSpec().lateEvents()).isEqualTo(LateEvents.COUNT);
    WikipulseConfig deadLetter = WikipulseConfig.of("late-events=DEAD-LETTER");
    assertThat(deadLetter.pipelineSpec().lateEvents()).isEqualTo(LateEvents.DEAD_LETTER);
    assertThat(deadLetter.describe()).containsEntry("late-events", "dead-letter");
    assertThatThrownBy(() -> WikipulseConfig.of("late-events=deadletter"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration late-events=deadletter (from --set): must be count or"
                + " dead-letter");
  }

  @Test
  void aDurationThatIsNotOneSaysHowToWriteIt() {
    assertThatThrownBy(() -> WikipulseConfig.of("windows.size=sixty"))
        .hasMessageContaining("windows.size=sixty")
        .hasMessageContaining("500ms, 60s");
  }

  @Test
  void zeroLatenessIsAllowedButNegativeIsNot() {
    assertThat(WikipulseConfig.of("windows.allowed-lateness=0s").windows().allowedLateness())
        .isZero();
    assertThatThrownBy(() -> WikipulseConfig.of("windows.allowed-lateness=-1s"))
        .hasMessageContaining("windows.allowed-lateness");
  }

  @Test
  void aSlideThatDoesNotDivideTheSizeIsRejected() {
    assertThatThrownBy(() -> WikipulseConfig.of("windows.slide=25s"))
        .hasMessageContaining("windows.slide=25s")
        .hasMessageContaining("must divide windows.size");
  }

  @Test
  void aMalformedRegistryUrlNamesTheKey() {
    assertThatThrownBy(() -> WikipulseConfig.of("registry.url=localhost:8081"))
        .hasMessage(
            "Invalid configuration registry.url=localhost:8081 (from --set): must be an http://"
                + " or https:// URL");
    assertThatThrownBy(() -> WikipulseConfig.of("registry.url=http://bad host"))
        .hasMessageStartingWith("Invalid configuration registry.url=http://bad host");
  }

  @Test
  void aTrailingSlashOnTheRegistryUrlIsDropped() {
    assertThat(
            WikipulseConfig.of("registry.url=http://127.0.0.1:8080/apis/ccompat/v7/").registryUrl())
        .hasToString("http://127.0.0.1:8080/apis/ccompat/v7");
  }

  @Test
  void malformedBootstrapServersAreRejected() {
    assertThatThrownBy(() -> WikipulseConfig.of("kafka.bootstrap-servers=localhost"))
        .hasMessageContaining("kafka.bootstrap-servers=localhost")
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> WikipulseConfig.of("kafka.bootstrap-servers=h:99999"))
        .hasMessageContaining("outside 1-65535");
  }

  @Test
  void anUnknownRuntimeNameShapeIsRejected() {
    assertThatThrownBy(() -> WikipulseConfig.of("runtime=Spark Streaming!"))
        .hasMessageContaining("runtime=Spark Streaming!");
  }

  @Test
  void anUnknownKeyIsRejectedWithASuggestion() {
    assertThatThrownBy(() -> WikipulseConfig.of("windows.sise=60s"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Unknown configuration key 'windows.sise' (from --set); did you mean"
                + " 'windows.size'?");
  }

  @Test
  void anUnknownKeyInAFileIsRejected() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "kafka:\n  bootstrap: x:1\n");

    assertThatThrownBy(() -> ConfigLayers.load(file, Map.of(), List.of()))
        .hasMessageStartingWith("Unknown configuration key 'kafka.bootstrap' (from file ");
  }

  @Test
  void anUnknownEnvironmentVariableIsRejected() {
    assertThatThrownBy(
            () -> ConfigLayers.load(null, Map.of("WIKIPULSE_TOPIC_INPUT", "x"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Unknown environment variable WIKIPULSE_TOPIC_INPUT");
  }

  @Test
  void aMalformedAssignmentIsRejected() {
    assertThatThrownBy(() -> WikipulseConfig.of("windows.size"))
        .hasMessage("Malformed --set 'windows.size': write it as key=value");
  }

  @Test
  void invalidYamlAndMissingFilesAreOneLine() throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "windows: [unclosed\n");

    assertThatThrownBy(() -> ConfigLayers.load(file, Map.of(), List.of()))
        .hasMessageStartingWith("Configuration file " + file + " is not valid YAML")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> ConfigLayers.load(dir.resolve("none.yaml"), Map.of(), List.of()))
        .hasMessageEndingWith("none.yaml does not exist");
  }

  @Test
  void outputAndDeadLetterTopicsMustDiffer() {
    assertThatThrownBy(() -> WikipulseConfig.of("topics.dead-letters=wikimedia.processed"))
        .hasMessageContaining("topics.dead-letters")
        .hasMessageContaining("must differ from topics.output");
  }

  @Test
  void everyKeyHasAnEnvironmentVariable() {
    assertThat(ConfigLayers.variableOf("kafka.bootstrap-servers"))
        .isEqualTo("WIKIPULSE_KAFKA_BOOTSTRAP_SERVERS");
    WikipulseConfig.of()
        .describe()
        .keySet()
        .forEach(
            key ->
                assertThat(
                        ConfigLayers.load(
                                null, Map.of(ConfigLayers.variableOf(key), "x"), List.of())
                            .settings()
                            .get(key)
                            .origin())
                    .isEqualTo("environment variable " + ConfigLayers.variableOf(key)));
  }
}
