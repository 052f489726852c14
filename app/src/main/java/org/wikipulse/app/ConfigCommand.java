package org.wikipulse.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.wikipulse.app.config.ConfigLayers;
import org.wikipulse.app.config.WikipulseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Prints the effective configuration, each key with its environment variable.")
final class ConfigCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    WikipulseConfig config = options.load();
    RuntimeCatalog.find(config.runtime());
    PrintWriter out = spec.commandLine().getOut();
    config
        .describe()
        .forEach(
            (key, value) ->
                out.printf("%-28s %-44s %s%n", key, value, ConfigLayers.variableOf(key)));
    out.flush();
    return 0;
  }
}
