package org.wikipulse.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the configuration layers, each overriding the one before: the bundled defaults, a YAML
 * file, {@code WIKIPULSE_*} environment variables, then {@code --set key=value}. Every key must be
 * one of the defaults' keys, or lie below {@code engine.} or {@code kafka.client.}; anything else
 * is an error naming it.
 */
public final class ConfigLayers {
  /** Keys below this prefix pass to the runtime as they are. */
  public static final String ENGINE_PREFIX = "engine.";

  /** Keys below this prefix go to every Kafka client, the launcher's and the runtime's. */
  public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

  private static final List<String> PASS_THROUGH_PREFIXES =
      List.of(ENGINE_PREFIX, KAFKA_CLIENT_PREFIX);

  static final String ENV_PREFIX = "WIKIPULSE_";

  /** Environment variables the launcher script and the CLI read themselves. */
  static final Set<String> LAUNCHER_VARIABLES =
      Set.of("WIKIPULSE_CONFIG", "WIKIPULSE_JAVA_OPTS", "WIKIPULSE_SKIP_BUILD", "WIKIPULSE_HOME");

  private static final String DEFAULTS_RESOURCE = "defaults.yaml";
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Map<String, Setting> settings = new LinkedHashMap<>();
  private final Set<String> knownKeys;

  private ConfigLayers(Map<String, Setting> defaults) {
    settings.putAll(defaults);
    knownKeys = Set.copyOf(defaults.keySet());
  }

  /** The defaults alone. */
  public static ConfigLayers defaults() {
    try (InputStream in = ConfigLayers.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + DEFAULTS_RESOURCE);
      }
      return new ConfigLayers(flatten(YAML.readTree(in), "defaults"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads the usual layers: defaults, the file (if any), the environment, then the {@code --set}
   * assignments in order.
   */
  public static ConfigLayers load(Path file, Map<String, String> environment, List<String> sets) {
    ConfigLayers layers = defaults();
    Path configFile = file;
    if (configFile == null && environment.containsKey("WIKIPULSE_CONFIG")) {
      configFile = Path.of(environment.get("WIKIPULSE_CONFIG"));
    }
    if (configFile != null) {
      layers.withFile(configFile);
    }
    layers.withEnvironment(environment);
    for (String assignment : sets) {
      layers.withAssignment(assignment, "--set");
    }
    return layers;
  }

  /** Overrides with the keys of a YAML file. */
  public ConfigLayers withFile(Path file) {
    String origin = "file " + file;
    JsonNode tree;
    try {
      tree = YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException("config", "Configuration file " + file + " does not exist");
    } catch (JacksonException e) {
      throw new ConfigException(
          "config",
          "Configuration file "
              + file
              + " is not valid YAML"
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
              + ": "
              + e.getOriginalMessage().replaceAll("\\s+", " "));
    } catch (IOException e) {
      throw new ConfigException("config", "Cannot read configuration file " + file + ": " + e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return this;
    }
    if (!tree.isObject()) {
      throw new ConfigException(
          "config", "Configuration file " + file + " must be a YAML mapping of keys to values");
    }
    flatten(tree, origin).values().forEach(this::put);
    return this;
  }

  /**
   * Overrides with {@code WIKIPULSE_*} variables: a key's variable is its name upper-cased with
   * dots and dashes turned into underscores; {@code WIKIPULSE_ENGINE_A_B} sets {@code engine.a.b}
   * and {@code WIKIPULSE_KAFKA_CLIENT_A_B} sets {@code kafka.client.a.b}.
   */
  public ConfigLayers withEnvironment(Map<String, String> environment) {
    Map<String, String> keyByVariable = new TreeMap<>();
    for (String key : knownKeys) {
      keyByVariable.put(variableOf(key), key);
    }
    new TreeMap<>(environment)
        .forEach(
            (variable, value) -> {
              if (!variable.startsWith(ENV_PREFIX) || LAUNCHER_VARIABLES.contains(variable)) {
                return;
              }
              String origin = "environment variable " + variable;
              String key = keyByVariable.get(variable);
              for (String prefix : PASS_THROUGH_PREFIXES) {
                String variablePrefix = variableOf(prefix);
                if (key == null && variable.startsWith(variablePrefix)) {
                  key =
                      prefix
                          + variable
                              .substring(variablePrefix.length())
                              .toLowerCase(Locale.ROOT)
                              .replace('_', '.');
                }
              }
              if (key == null) {
                throw new ConfigException(
                    variable,
                    "Unknown environment variable "
                        + variable
                        + ": it names no configuration key (see `wikipulse config`)");
              }
              put(new Setting(key, value, origin));
            });
    return this;
  }

  /** Overrides with one {@code key=value} assignment. */
  public ConfigLayers withAssignment(String assignment, String origin) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(
          assignment, "Malformed " + origin + " '" + assignment + "': write it as key=value");
    }
    put(new Setting(assignment.substring(0, eq).trim(), assignment.substring(eq + 1), origin));
    return this;
  }

  /** Every key with its final value. */
  public Map<String, Setting> settings() {
    return Map.copyOf(settings);
  }

  /** The environment variable that sets a key. */
  public static String variableOf(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private void put(Setting setting) {
    String key = setting.key();
    boolean passedThrough =
        PASS_THROUGH_PREFIXES.stream()
            .anyMatch(prefix -> key.startsWith(prefix) && key.length() > prefix.length());
    if (!passedThrough && !knownKeys.contains(key)) {
      throw new ConfigException(
          key,
          "Unknown configuration key '"
              + key
              + "' (from "
              + setting.origin()
              + ")"
              + suggestionFor(key));
    }
    settings.put(key, setting);
  }

  private String suggestionFor(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : new TreeSet<>(knownKeys)) {
      int distance = editDistance(key, known);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = known;
      }
    }
    if (best != null && bestDistance <= Math.max(2, key.length() / 4)) {
      return "; did you mean '" + best + "'?";
    }
    StringJoiner all = new StringJoiner(", ", "; known keys: ", "");
    new TreeSet<>(knownKeys).forEach(all::add);
    return all + ", engine.*, kafka.client.*";
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static Map<String, Setting> flatten(JsonNode tree, String origin) {
    Map<String, Setting> flat = new LinkedHashMap<>();
    flattenInto(tree, "", origin, flat);
    return flat;
  }

  private static void flattenInto(
      JsonNode node, String prefix, String origin, Map<String, Setting> flat) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flattenInto(value, key + ".", origin, flat);
      } else if (value.isArray()) {
        StringJoiner joined = new StringJoiner(",");
        value.forEach(item -> joined.add(item.asText()));
        flat.put(key, new Setting(key, joined.toString(), origin));
      } else if (value.isNull()) {
        throw new ConfigException(key, "Configuration key '" + key + "' has no value in " + origin);
      } else {
        flat.put(key, new Setting(key, value.asText(), origin));
      }
    }
  }
}
