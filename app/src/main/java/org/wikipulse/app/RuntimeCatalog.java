package org.wikipulse.app;

import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.wikipulse.app.config.ConfigException;
import org.wikipulse.ports.AnalysisRuntime;

/** The runtimes on the classpath, found through {@link ServiceLoader} and chosen by name. */
final class RuntimeCatalog {
  private RuntimeCatalog() {}

  /** Every runtime that loads, by name. */
  static Map<String, AnalysisRuntime> available() {
    Map<String, AnalysisRuntime> runtimes = new TreeMap<>();
    ServiceLoader<AnalysisRuntime> loader = ServiceLoader.load(AnalysisRuntime.class);
    for (var iterator = loader.iterator(); ; ) {
      try {
        if (!iterator.hasNext()) {
          break;
        }
        AnalysisRuntime runtime = iterator.next();
        runtimes.put(runtime.name(), runtime);
      } catch (ServiceConfigurationError e) {
        System.err.println("wikipulse: a runtime failed to load and is skipped: " + e.getMessage());
      }
    }
    return runtimes;
  }

  /**
   * The runtime with this name.
   *
   * @throws ConfigException naming the key {@code runtime} and the runtimes there are
   */
  static AnalysisRuntime find(String name) {
    Map<String, AnalysisRuntime> runtimes = available();
    AnalysisRuntime runtime = runtimes.get(name);
    if (runtime == null) {
      throw new ConfigException(
          "runtime",
          "Invalid configuration runtime="
              + name
              + ": no such runtime; available: "
              + (runtimes.isEmpty()
                  ? "none on the classpath"
                  : String.join(", ", runtimes.keySet())));
    }
    return runtime;
  }
}
