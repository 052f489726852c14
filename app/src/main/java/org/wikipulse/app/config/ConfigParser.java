package org.wikipulse.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.wikipulse.app.config.KafkaSettings.HostAndPort;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.KafkaSource.StartingOffsets;
import org.wikipulse.ports.LateEvents;

/** Turns merged settings into a {@link WikipulseConfig}, one checked key at a time. */
final class ConfigParser {
  private static final Pattern RUNTIME_NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private final Map<String, Setting> settings;

  ConfigParser(Map<String, Setting> settings) {
    this.settings = settings;
  }

  WikipulseConfig parse() {
    String runtime = runtime();
    String applicationId = text("application-id");
    if (applicationId.isEmpty()) {
      applicationId = "wikipulse-" + runtime;
    }
    KafkaSettings kafka =
        new KafkaSettings(
            text("kafka.bootstrap-servers").replace(" ", ""),
            bootstrapServers("kafka.bootstrap-servers"),
            startingOffsets("kafka.starting-offsets"),
            positiveInt("kafka.topic-partitions"));
    String input = topic("topics.input");
    String output = topic("topics.output");
    String deadLetters = topic("topics.dead-letters");
    requireDistinct("topics.output", output, "topics.input", input);
    requireDistinct("topics.dead-letters", deadLetters, "topics.input", input);
    requireDistinct("topics.dead-letters", deadLetters, "topics.output", output);
    Topics topics =
        new Topics(
            input,
            output,
            deadLetters,
            subject("subjects.input", input),
            subject("subjects.output", output));
    return new WikipulseConfig(
        runtime,
        applicationId,
        kafka,
        httpUrl("registry.url"),
        registryCredentials(),
        topics,
        windows(),
        positiveDuration("idle-timeout"),
        lateEvents("late-events"),
        path("state-dir"),
        positiveDuration("status-interval"),
        positiveDuration("connect-timeout"),
        engineProperties(),
        kafkaClientProperties(),
        http());
  }

  private HttpSettings http() {
    String enabled = text("http.enabled").toLowerCase(Locale.ROOT);
    if (!enabled.equals("true") && !enabled.equals("false")) {
      throw invalid("http.enabled", "must be true or false");
    }
    String bind = text("http.bind");
    if (bind.isEmpty()) {
      throw invalid("http.bind", "must be an address to listen on, such as 127.0.0.1 or 0.0.0.0");
    }
    int port;
    try {
      port = Integer.parseInt(text("http.port"));
    } catch (NumberFormatException e) {
      throw invalid("http.port", "is not a port number");
    }
    if (port < 0 || port > 65535) {
      throw invalid("http.port", "must be 0-65535 (0: any free port)");
    }
    return new HttpSettings(enabled.equals("true"), bind, port);
  }

  private String runtime() {
    String name = text("runtime").toLowerCase(Locale.ROOT);
    if (!RUNTIME_NAME.matcher(name).matches()) {
      throw invalid("runtime", "is not a runtime name; expected kafka-streams or spark");
    }
    return name;
  }

  private WindowSpec windows() {
    Duration size = positiveDuration("windows.size");
    Duration slide = positiveDuration("windows.slide");
    Duration lateness = duration("windows.allowed-lateness");
    if (lateness.isNegative()) {
      throw invalid("windows.allowed-lateness", "must not be negative");
    }
    if (slide.compareTo(size) > 0) {
      throw invalid(
          "windows.slide", "must not be larger than windows.size (" + Durations.format(size) + ")");
    }
    if (size.toMillis() % slide.toMillis() != 0
        || size.toNanos() % 1_000_000 != 0
        || slide.toNanos() % 1_000_000 != 0) {
      throw invalid(
          "windows.slide",
          "must divide windows.size (" + Durations.format(size) + ") in whole milliseconds");
    }
    return new WindowSpec(size, slide, lateness);
  }

  private LateEvents lateEvents(String key) {
    String value = text(key).toLowerCase(Locale.ROOT);
    for (LateEvents treatment : LateEvents.values()) {
      if (lateEventsName(treatment).equals(value)) {
        return treatment;
      }
    }
    throw invalid(key, "must be count or dead-letter");
  }

  /** The configuration spelling of a late-event treatment: {@code count}, {@code dead-letter}. */
  static String lateEventsName(LateEvents treatment) {
    return treatment.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private List<HostAndPort> bootstrapServers(String key) {
    List<HostAndPort> addresses = new ArrayList<>();
    for (String part : text(key).split(",")) {
      String address = part.trim();
      int colon = address.lastIndexOf(':');
      if (address.isEmpty() || colon <= 0 || colon == address.length() - 1) {
        throw invalid(key, "must be host:port[,host:port...]");
      }
      int port;
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw invalid(key, "has a port that is not a number in '" + address + "'");
      }
      if (port < 1 || port > 65535) {
        throw invalid(key, "has port " + port + " outside 1-65535");
      }
      String host = address.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      addresses.add(new HostAndPort(host, port));
    }
    return addresses;
  }

  private StartingOffsets startingOffsets(String key) {
    String value = text(key).toUpperCase(Locale.ROOT);
    try {
      return StartingOffsets.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw invalid(key, "must be earliest or latest");
    }
  }

  private URI httpUrl(String key) {
    String value = text(key);
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid(key, "is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(key, "must be an http:// or https:// URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid(key, "has no host");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw invalid(key, "must be a base URL without query or fragment");
    }
    String text = uri.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  private String topic(String key) {
    String value = text(key);
    if (!TOPIC_NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
      throw invalid(key, "is not a Kafka topic name (letters, digits, '.', '_', '-')");
    }
    return value;
  }

  private String subject(String key, String topic) {
    String value = text(key);
    return value.isEmpty() ? topic + "-value" : value;
  }

  private void requireDistinct(String key, String value, String otherKey, String other) {
    if (value.equals(other)) {
      throw invalid(key, "must differ from " + otherKey);
    }
  }

  private Path path(String key) {
    try {
      return Path.of(text(key));
    } catch (InvalidPathException e) {
      throw invalid(key, "is not a path: " + e.getReason());
    }
  }

  private int positiveInt(String key) {
    int value;
    try {
      value = Integer.parseInt(text(key));
    } catch (NumberFormatException e) {
      throw invalid(key, "is not a whole number");
    }
    if (value < 1) {
      throw invalid(key, "must be at least 1");
    }
    return value;
  }

  private Duration positiveDuration(String key) {
    Duration value = duration(key);
    if (value.isNegative()) {
      throw invalid(key, "must not be negative");
    }
    if (value.isZero()) {
      throw invalid(key, "must be longer than zero");
    }
    return value;
  }

  private Duration duration(String key) {
    try {
      return Durations.parse(text(key));
    } catch (IllegalArgumentException e) {
      throw invalid(key, e.getMessage());
    }
  }

  private Map<String, String> engineProperties() {
    Map<String, String> engine = new TreeMap<>();
    settings.forEach(
        (key, setting) -> {
          if (key.startsWith(ConfigLayers.ENGINE_PREFIX)) {
            engine.put(key.substring(ConfigLayers.ENGINE_PREFIX.length()), setting.value());
          }
        });
    return engine;
  }

  private RegistryCredentials registryCredentials() {
    String user = text("registry.basic-auth-user");
    String password = text("registry.basic-auth-password");
    String token = text("registry.bearer-token");
    if (user.isEmpty() != password.isEmpty()) {
      throw invalid(
          user.isEmpty() ? "registry.basic-auth-password" : "registry.basic-auth-user",
          "needs registry.basic-auth-"
              + (user.isEmpty() ? "user" : "password")
              + " too: basic auth takes both");
    }
    if (!user.isEmpty() && !token.isEmpty()) {
      throw invalid("registry.bearer-token", "cannot go with basic auth: set one or the other");
    }
    return new RegistryCredentials(user, password, token);
  }

  /**
   * The settings below {@code kafka.client.}, without the prefix. Those that wikipulse sets itself
   * are refused rather than silently overridden.
   */
  private Map<String, String> kafkaClientProperties() {
    Map<String, String> client = new TreeMap<>();
    settings.forEach(
        (key, setting) -> {
          if (key.startsWith(ConfigLayers.KAFKA_CLIENT_PREFIX)) {
            String name = key.substring(ConfigLayers.KAFKA_CLIENT_PREFIX.length());
            if (name.equals("bootstrap.servers")) {
              throw invalid(key, "is set by kafka.bootstrap-servers");
            }
            if (name.endsWith(".serializer") || name.endsWith(".deserializer")) {
              throw invalid(key, "is chosen by wikipulse: records are Confluent Avro bytes");
            }
            client.put(name, setting.value());
          }
        });
    return client;
  }

  private String text(String key) {
    Setting setting = settings.get(key);
    if (setting == null) {
      throw new ConfigException(key, "Configuration key '" + key + "' is missing");
    }
    return setting.value().trim();
  }

  private ConfigException invalid(String key, String problem) {
    return new ConfigException(
        key, "Invalid configuration " + settings.get(key).describe() + ": " + problem);
  }
}
