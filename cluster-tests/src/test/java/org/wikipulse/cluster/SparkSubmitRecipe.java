package org.wikipulse.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The README's spark-submit recipe, run for real: {@code spark-submit} is a shell around {@code
 * org.apache.spark.deploy.SparkSubmit}, so this runs that class on the Spark home's {@code jars/}
 * (with the JVM options Spark's launcher would add), with the README's arguments. What the user
 * ships is copied into a directory of its own first, the app's jar and the {@code --jars}, so that
 * the jar's manifest finds no {@code lib/} beside it: a jar the recipe forgets fails the run.
 */
final class SparkSubmitRecipe {
  /** spark-submit's default driver memory, which its launcher turns into -Xmx. */
  static final String DRIVER_HEAP = "-Xmx512m";

  private SparkSubmitRecipe() {}

  /**
   * Starts {@code spark-submit --master <url> --deploy-mode client --class ... --jars ... <app jar>
   * run --runtime spark --config <file> --set ...}.
   */
  static ChildProcess submit(
      String name,
      Path workDir,
      SparkStandaloneCluster cluster,
      Path configFile,
      Map<String, String> sets) {
    Path shipped = workDir.resolve("shipped");
    Path appJar = copyInto(shipped, ClusterTestPaths.appJar());
    List<Path> jars =
        ShippedJars.forSparkSubmit().stream().map(jar -> copyInto(shipped, jar)).toList();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--master",
                cluster.masterUrl(),
                "--deploy-mode",
                "client",
                "--class",
                "org.wikipulse.app.WikipulseMain",
                "--executor-memory",
                SparkStandaloneCluster.EXECUTOR_MEMORY,
                // Spark's 200 shuffle partitions cost this 2-core cluster most of a minute a batch.
                "--conf",
                "spark.sql.shuffle.partitions=4",
                "--jars",
                ShippedJars.commaSeparated(jars),
                appJar.toString(),
                "run",
                "--runtime",
                "spark",
                "--config",
                configFile.toString()));
    sets.forEach(
        (key, value) -> {
          args.add("--set");
          args.add(key + "=" + value);
        });
    List<String> jvm = new ArrayList<>(ClusterTestPaths.sparkJava17Opens());
    jvm.add(DRIVER_HEAP);
    return ChildProcess.startJava(
        name,
        workDir,
        jvm,
        SparkStandaloneCluster.sparkClasspath(cluster.sparkHome()),
        "org.apache.spark.deploy.SparkSubmit",
        args,
        SparkStandaloneCluster.environment(cluster.sparkHome()));
  }

  private static Path copyInto(Path dir, Path jar) {
    try {
      Files.createDirectories(dir);
      return Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
