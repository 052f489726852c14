package org.wikipulse.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wikipulse.app.config.ConfigLayers;
import org.wikipulse.app.config.WikipulseConfig;
import picocli.CommandLine.Option;

/** The options every command shares: a configuration file and {@code --set key=value}. */
final class ConfigOptions {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "YAML configuration file (default: $WIKIPULSE_CONFIG, else built-in defaults)")
  Path file;

  @Option(
      names = {"-s", "--set"},
      paramLabel = "KEY=VALUE",
      description = "Override one configuration key, e.g. --set windows.size=2m (repeatable)")
  List<String> assignments = new ArrayList<>();

  /** Environment variables; tests replace them. */
  static Map<String, String> environment = System.getenv();

  /** The configuration: defaults, file, environment, --set, then the command's own overrides. */
  WikipulseConfig load(String... overrides) {
    ConfigLayers layers = ConfigLayers.load(file, environment, assignments);
    for (String override : overrides) {
      layers.withAssignment(override, "command-line option");
    }
    return WikipulseConfig.from(layers);
  }
}
