package org.wikipulse.cluster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.wikipulse.app.WikipulseMain;

/** Where the build put what these tests run: the Spark home, the app's jar and lib/, a work dir. */
final class ClusterTestPaths {
  private ClusterTestPaths() {}

  static Path sparkHome() {
    return Path.of(required("wikipulse.spark.home"));
  }

  static Path workDir() {
    return Path.of(required("wikipulse.work.dir"));
  }

  /** The root pom's {@code spark.java17.opens}, as separate JVM options. */
  static List<String> sparkJava17Opens() {
    return Arrays.asList(required("wikipulse.spark.java17.opens").trim().split("\\s+"));
  }

  /** The root pom's {@code wikipulse.launcher.jvm.logging}: the JVM logging the launcher sets. */
  static List<String> launcherJvmLogging() {
    return Arrays.asList(required("wikipulse.launcher.jvm.logging").trim().split("\\s+"));
  }

  /**
   * The app's thin jar, as the build leaves it ({@code app/target/wikipulse-app-<version>.jar} with
   * every dependency in {@code lib/} beside it): the jar a user runs and ships.
   */
  static Path appJar() {
    Path location;
    try {
      location =
          Path.of(WikipulseMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (!Files.isRegularFile(location) || !Files.isDirectory(location.resolveSibling("lib"))) {
      throw new IllegalStateException(
          "The app must be packaged (jar and lib/) for the cluster tests, found "
              + location
              + ": run through './mvnw -B verify' (package phase), not from compiled classes");
    }
    return location;
  }

  static Path appLib() {
    return appJar().resolveSibling("lib");
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property " + property + " is not set: run these tests through Maven");
    }
    return value;
  }
}
