package org.wikipulse.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the broker's jars and the registry's distribution are on this machine, as written by the
 * Maven build into {@code local-stack.properties}.
 */
record LocalStackInstallation(
    String kafkaBrokerClasspath, Path apicurioHome, String apicurioVersion, String kafkaVersion) {

  private static final String RESOURCE = "local-stack.properties";

  /** Reads the build's record; fails with a clear message when the resource was never filtered. */
  static LocalStackInstallation load() {
    Properties properties = new Properties();
    try (InputStream in = LocalStackInstallation.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new LocalStackStartException(
            RESOURCE + " is missing from the classpath: build module local-stack with Maven");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new LocalStackStartException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
    return new LocalStackInstallation(
        required(properties, "kafka.broker.classpath"),
        Path.of(required(properties, "apicurio.home")),
        required(properties, "apicurio.version"),
        required(properties, "kafka.version"));
  }

  /** The Quarkus runner jar inside the unpacked distribution. */
  Path apicurioRunnerJar() {
    return apicurioHome.resolve("apicurio-registry-app-" + apicurioVersion + "-runner.jar");
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key, "").trim();
    if (value.isEmpty() || value.startsWith("${")) {
      throw new LocalStackStartException(
          RESOURCE
              + " has no value for '"
              + key
              + "': build module local-stack with Maven so that resource filtering fills it in");
    }
    return value;
  }

  /** Fails with a clear message when a file the build recorded has gone missing since. */
  static void requireExists(Path file, String what) {
    if (!Files.exists(file)) {
      throw new LocalStackStartException(
          what + " not found at " + file + ": build module local-stack with Maven again");
    }
  }
}
