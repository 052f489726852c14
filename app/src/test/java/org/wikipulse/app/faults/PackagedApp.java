package org.wikipulse.app.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The app as the build packages it and {@code ./wikipulse} starts it: the thin jar with {@code
 * lib/} beside it, and the class archive the package phase makes from them (app/pom.xml).
 */
final class PackagedApp {
  private PackagedApp() {}

  static Path jar() {
    String property = System.getProperty("wikipulse.app.jar");
    if (property == null || property.isBlank()) {
      throw new IllegalStateException(
          "System property wikipulse.app.jar is not set: run these tests through Maven"
              + " ('./mvnw -B verify'), which packages the app before them");
    }
    Path jar = Path.of(property);
    if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
      throw new IllegalStateException(
          "The app is not packaged at " + jar + " (jar and lib/): run './mvnw -B verify'");
    }
    return jar;
  }

  /** The root pom's {@code wikipulse.launcher.jvm.logging}, as separate JVM options. */
  static List<String> launcherJvmLogging() {
    String property = System.getProperty("wikipulse.launcher.jvm.logging");
    if (property == null || property.isBlank()) {
      throw new IllegalStateException(
          "System property wikipulse.launcher.jvm.logging is not set: run these tests through"
              + " Maven ('./mvnw -B verify')");
    }
    return List.of(property.trim().split("\\s+"));
  }

  static Path classArchive() {
    return jar().resolveSibling("wikipulse.jsa");
  }

  /** The repository's root, where the launcher script is: two levels above the jar. */
  static Path root() {
    return jar().toAbsolutePath().getParent().getParent().getParent();
  }

  /** The launcher's options after the heap: its JVM logging and the class archive. */
  static List<String> launcherJvmOptions() {
    Path archive = classArchive();
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException(
          "No class archive at "
              + archive
              + ": the package phase makes it (app/pom.xml, execution class-archive); run"
              + " './mvnw -B verify' without skipping exec");
    }
    List<String> options = new ArrayList<>(launcherJvmLogging());
    options.add("-XX:SharedArchiveFile=" + archive);
    return options;
  }
}
