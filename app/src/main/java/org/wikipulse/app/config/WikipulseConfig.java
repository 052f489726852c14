package org.wikipulse.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.PipelineSpec;

/**
 * The validated configuration of one wikipulse command. Build it with {@link #from}; every field
 * has already been checked, so building the {@link PipelineSpec} cannot fail.
 *
 * @param runtime the runtime's name, such as {@code kafka-streams} or {@code spark}
 * @param applicationId names the pipeline's durable state
 * @param kafka how to reach Kafka
 * @param registryUrl the Confluent-compatible registry's base URL
 * @param registryCredentials how to authenticate to the registry
 * @param topics the topics and subjects
 * @param windows the window size, slide and allowed lateness
 * @param idleTimeout after this much wall-clock silence a partition stops holding event time back
 * @param lateEvents whether events the watermark drops are only counted or also dead-lettered
 * @param stateDirectory the root of local state; each runtime keeps its own directory below it
 * @param statusInterval how often {@code run} prints its status line
 * @param connectTimeout how long to wait for the broker and the registry at start
 * @param engineProperties passed to the runtime as they are
 * @param kafkaClientProperties settings for every Kafka client, the launcher's own and the
 *     runtime's (security, timeouts), in Kafka's keys
 * @param http the HTTP server of {@code run} and {@code demo}: metrics, probes, dashboard
 */
public record WikipulseConfig(
    String runtime,
    String applicationId,
    KafkaSettings kafka,
    URI registryUrl,
    RegistryCredentials registryCredentials,
    Topics topics,
    WindowSpec windows,
    Duration idleTimeout,
    LateEvents lateEvents,
    Path stateDirectory,
    Duration statusInterval,
    Duration connectTimeout,
    Map<String, String> engineProperties,
    Map<String, String> kafkaClientProperties,
    HttpSettings http) {

  private static final Duration REGISTRY_READ_TIMEOUT = Duration.ofSeconds(10);

  public WikipulseConfig {
    engineProperties = Map.copyOf(engineProperties);
    kafkaClientProperties = Map.copyOf(kafkaClientProperties);
  }

  /**
   * Validates merged settings.
   *
   * @throws ConfigException naming the first key whose value cannot be used
   */
  public static WikipulseConfig from(ConfigLayers layers) {
    return new ConfigParser(layers.settings()).parse();
  }

  /** The defaults, overridden by {@code key=value} assignments: handy in tests and tools. */
  public static WikipulseConfig of(String... assignments) {
    ConfigLayers layers = ConfigLayers.defaults();
    for (String assignment : assignments) {
      layers.withAssignment(assignment, "--set");
    }
    return from(layers);
  }

  /** What the runtime needs. */
  public PipelineSpec pipelineSpec() {
    return new PipelineSpec(
        applicationId,
        new KafkaSource(kafka.bootstrapServers(), topics.input(), kafka.startingOffsets()),
        new KafkaSink(
            kafka.bootstrapServers(),
            topics.output(),
            topics.deadLetters(),
            topics.outputSubject()),
        windows,
        idleTimeout,
        stateDirectory.resolve(runtime),
        engineProperties,
        kafkaClientProperties,
        lateEvents);
  }

  /**
   * How to reach the registry: its URL, the credentials, and the connect timeout for connections;
   * the one place these become the registry adapter's settings (start check, clients, codecs).
   */
  public RegistrySettings registrySettings() {
    RegistrySettings settings =
        RegistrySettings.of(registryUrl.toString())
            .withTimeouts(connectTimeout, REGISTRY_READ_TIMEOUT);
    if (registryCredentials.hasBasicAuth()) {
      return settings.withBasicAuth(
          registryCredentials.basicAuthUser(), registryCredentials.basicAuthPassword());
    }
    if (registryCredentials.hasBearerToken()) {
      return settings.withBearerToken(registryCredentials.bearerToken());
    }
    return settings;
  }

  /** Every key with its effective value, for {@code wikipulse config}. */
  public Map<String, String> describe() {
    Map<String, String> out = new TreeMap<>();
    out.put("runtime", runtime);
    out.put("application-id", applicationId);
    out.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    out.put("kafka.starting-offsets", kafka.startingOffsets().name().toLowerCase());
    out.put("kafka.topic-partitions", Integer.toString(kafka.topicPartitions()));
    out.put("registry.url", registryUrl.toString());
    out.put("registry.basic-auth-user", registryCredentials.basicAuthUser());
    out.put(
        "registry.basic-auth-password",
        ConfigSecrets.hidden(registryCredentials.basicAuthPassword()));
    out.put("registry.bearer-token", ConfigSecrets.hidden(registryCredentials.bearerToken()));
    out.put("topics.input", topics.input());
    out.put("topics.output", topics.output());
    out.put("topics.dead-letters", topics.deadLetters());
    out.put("subjects.input", topics.inputSubject());
    out.put("subjects.output", topics.outputSubject());
    out.put("windows.size", Durations.format(windows.size()));
    out.put("windows.slide", Durations.format(windows.slide()));
    out.put("windows.allowed-lateness", Durations.format(windows.allowedLateness()));
    out.put("idle-timeout", Durations.format(idleTimeout));
    out.put("late-events", ConfigParser.lateEventsName(lateEvents));
    out.put("state-dir", stateDirectory.toString());
    out.put("status-interval", Durations.format(statusInterval));
    out.put("connect-timeout", Durations.format(connectTimeout));
    out.put("http.enabled", Boolean.toString(http.enabled()));
    out.put("http.bind", http.bind());
    out.put("http.port", Integer.toString(http.port()));
    engineProperties.forEach(
        (k, v) -> out.put(ConfigLayers.ENGINE_PREFIX + k, ConfigSecrets.masked(k, v)));
    kafkaClientProperties.forEach(
        (k, v) -> out.put(ConfigLayers.KAFKA_CLIENT_PREFIX + k, ConfigSecrets.masked(k, v)));
    return out;
  }
}
