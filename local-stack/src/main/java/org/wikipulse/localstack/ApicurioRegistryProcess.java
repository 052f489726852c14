package org.wikipulse.localstack;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Apicurio Registry (in-memory storage, its default) as a child JVM on 127.0.0.1, serving the
 * Confluent Schema Registry API under {@link #baseUrl()}.
 */
public final class ApicurioRegistryProcess implements AutoCloseable {

  /** How long the registry may take to answer; it needs about 3 s on an idle 2-core machine. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  private static final System.Logger LOG =
      System.getLogger(ApicurioRegistryProcess.class.getName());
  private static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xms32m",
          "-Xmx256m",
          "-XX:+UseSerialGC",
          // C1 only: starts in two thirds of the time with 40 MB less, and the registry's load
          // (a few lookups per schema, cached by clients) never needs C2.
          "-XX:TieredStopAtLevel=1",
          "-Djava.awt.headless=true");

  private final ChildJvm jvm;
  private final String baseUrl;
  private boolean closed;

  private ApicurioRegistryProcess(ChildJvm jvm, String baseUrl) {
    this.jvm = jvm;
    this.baseUrl = baseUrl;
  }

  /** Starts the registry of the Maven build's distribution on {@code port} (0: any free port). */
  public static ApicurioRegistryProcess start(Path workDir, int port) {
    return start(
        LocalStackInstallation.load().apicurioRunnerJar(), workDir, port, DEFAULT_START_TIMEOUT);
  }

  /**
   * Starts the registry from {@code runnerJar}, logging to {@code workDir/registry.log}, and waits
   * until its Confluent API answers.
   *
   * @throws LocalStackStartException if it exits or does not answer within {@code startTimeout};
   *     the message holds the log's last lines
   */
  public static ApicurioRegistryProcess start(
      Path runnerJar, Path workDir, int port, Duration startTimeout) {
    LocalStackInstallation.requireExists(runnerJar, "Apicurio Registry runner jar");
    String mainClass = mainClassOf(runnerJar);
    ProcessLog log = new ProcessLog(WorkDir.create(workDir).resolve("registry.log"));
    for (int attempt = 1; ; attempt++) {
      int boundPort = FreePort.orFree(port);
      try {
        return startOnce(runnerJar, mainClass, workDir, boundPort, startTimeout, log);
      } catch (LocalStackStartException e) {
        if (attempt == FreePort.BIND_ATTEMPTS || !log.reportsPortInUse()) {
          throw e;
        }
        LOG.log(
            Level.INFO,
            "Apicurio Registry could not bind port {0}, taken since it was chosen; retrying",
            Integer.toString(boundPort));
        WorkDir.deleteFile(log.file());
      }
    }
  }

  private static ApicurioRegistryProcess startOnce(
      Path runnerJar,
      String mainClass,
      Path workDir,
      int port,
      Duration startTimeout,
      ProcessLog log) {
    String baseUrl = "http://" + FreePort.LOOPBACK + ":" + port + CONFLUENT_API_PATH;
    long startedAt = System.nanoTime();
    ChildJvm jvm =
        ChildJvm.launch(
            "Apicurio Registry", arguments(runnerJar, mainClass, workDir, port), workDir, log);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest subjects =
        HttpRequest.newBuilder(URI.create(baseUrl + "/subjects"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    jvm.awaitReady(
        () -> http.send(subjects, HttpResponse.BodyHandlers.discarding()).statusCode() == 200,
        startTimeout);
    LOG.log(
        Level.INFO,
        "Apicurio Registry ready at {0} in {1} ms (pid {2}, log {3})",
        baseUrl,
        (System.nanoTime() - startedAt) / 1_000_000,
        Long.toString(jvm.pid()),
        log.file());
    return new ApicurioRegistryProcess(jvm, baseUrl);
  }

  private static List<String> arguments(Path runnerJar, String mainClass, Path workDir, int port) {
    List<String> arguments = new ArrayList<>(JVM_OPTIONS);
    // System properties outrank the jar's %prod.quarkus.http.port=${HTTP_PORT:8080}.
    arguments.add("-Dquarkus.http.host=" + FreePort.LOOPBACK);
    arguments.add("-Dquarkus.http.port=" + port);
    // What `java -jar` would run, but behind the parent watch; the jar's manifest Class-Path
    // still brings in lib/.
    arguments.addAll(
        ChildJvm.parentWatchedMain(workDir, runnerJar.toAbsolutePath().toString(), mainClass));
    return arguments;
  }

  private static String mainClassOf(Path runnerJar) {
    try (JarFile jar = new JarFile(runnerJar.toFile())) {
      Manifest manifest = jar.getManifest();
      String mainClass =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      if (mainClass == null) {
        throw new LocalStackStartException(runnerJar + " names no Main-Class in its manifest");
      }
      return mainClass;
    } catch (IOException e) {
      throw new LocalStackStartException(
          "Cannot read " + runnerJar + " as a jar: " + e.getMessage(), e);
    }
  }

  /** The Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The file holding the registry's output. */
  public Path logFile() {
    return jvm.log().file();
  }

  long pid() {
    return jvm.pid();
  }

  ChildJvm jvm() {
    return jvm;
  }

  /**
   * Stops the registry; its in-memory schemas are gone afterwards. The work directory, which the
   * caller chose and may share, is left in place with the log. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    jvm.stop(STOP_GRACE);
    LOG.log(Level.INFO, "Apicurio Registry at {0} stopped", baseUrl);
  }
}
