package org.wikipulse.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars a user hands to a Spark cluster besides the app's own jar: what a Spark distribution
 * (Spark, Scala, Hadoop, Avro, Jackson, log4j) lacks, all taken from the app's {@code lib/}. The
 * README's spark-submit recipe lists the same names.
 *
 * <p>The Kafka connector and spark-avro are shipped as jars rather than with {@code --packages}:
 * that resolves them (and its own kafka-clients 3.4) from a remote repository at submit time, and
 * ours (3.9) is the one the runtime is built and tested against, so it is the only one shipped.
 */
final class ShippedJars {
  /** Executors need these: the runtime's code, the Kafka connector, Kafka's client, spark-avro. */
  static final List<String> EXECUTOR_PATTERNS =
      List.of(
          "wikipulse-*.jar",
          "kafka-clients-*.jar",
          "spark-sql-kafka-0-10_*.jar",
          "spark-token-provider-kafka-0-10_*.jar",
          "commons-pool2-*.jar",
          "spark-avro_*.jar");

  /**
   * The launcher (the driver, under spark-submit) also needs its command line, YAML parser, and its
   * metrics and dashboard (Micrometer with the Prometheus registry, uPlot).
   */
  static final List<String> LAUNCHER_PATTERNS =
      List.of(
          "picocli-*.jar",
          "jackson-dataformat-yaml-*.jar",
          "snakeyaml-*.jar",
          "micrometer-*.jar",
          "prometheus-metrics-*.jar",
          "HdrHistogram-*.jar",
          "uplot-*.jar");

  private ShippedJars() {}

  /** Everything a user ships with spark-submit's {@code --jars}. */
  static List<Path> forSparkSubmit() {
    List<String> patterns = new ArrayList<>(EXECUTOR_PATTERNS);
    patterns.addAll(LAUNCHER_PATTERNS);
    return matching(patterns);
  }

  /** What {@code engine.spark.jars} names when {@code wikipulse run} is the driver itself. */
  static List<Path> forExecutors() {
    return matching(EXECUTOR_PATTERNS);
  }

  static String commaSeparated(List<Path> jars) {
    return String.join(",", jars.stream().map(Path::toString).toList());
  }

  private static List<Path> matching(List<String> patterns) {
    Path lib = ClusterTestPaths.appLib();
    List<Path> jars = new ArrayList<>();
    for (String pattern : patterns) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      try (Stream<Path> files = Files.list(lib)) {
        List<Path> found =
            files.filter(file -> matcher.matches(file.getFileName())).sorted().toList();
        if (found.isEmpty()) {
          throw new IllegalStateException("No " + pattern + " in " + lib);
        }
        jars.addAll(found);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return jars;
  }
}
