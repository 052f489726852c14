package org.wikipulse.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.localstack.LocalStack;

/**
 * {@code wikipulse run} in its own JVM, started as {@code ./wikipulse} starts it: the app's thin
 * jar (its manifest names {@code lib/}) with its class archive, Spark's Java 17 opens, a small
 * heap.
 */
final class WikipulseProcess {
  static final String HEAP = "-Xmx512m";

  private WikipulseProcess() {}

  /** The settings of a pipeline over the shared stack, as a user's {@code --set}s. */
  static Map<String, String> settings(
      LocalStack stack, GeneratedBacklog backlog, String applicationId, Path stateDir) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("kafka.bootstrap-servers", stack.bootstrapServers());
    settings.put("registry.url", stack.registryUrl());
    settings.put("topics.input", backlog.topic());
    settings.put("topics.output", applicationId + "-out");
    settings.put("topics.dead-letters", applicationId + "-dlq");
    settings.put("application-id", applicationId);
    settings.put("state-dir", stateDir.toString());
    settings.put("status-interval", "2s");
    // Several processes on one machine: each its own free port for metrics and health.
    settings.put("http.port", "0");
    return settings;
  }

  /** Starts {@code wikipulse run --runtime <runtime> --set k=v...}. */
  static ChildProcess run(String name, Path workDir, String runtime, Map<String, String> settings) {
    List<String> args = new ArrayList<>(List.of("run", "--runtime", runtime));
    settings.forEach(
        (key, value) -> {
          args.add("--set");
          args.add(key + "=" + value);
        });
    List<String> jvm = new ArrayList<>(ClusterTestPaths.sparkJava17Opens());
    jvm.add(HEAP);
    jvm.addAll(ClusterTestPaths.launcherJvmLogging());
    // The launcher's class archive (app/pom.xml) where the build made one beside the jar: it only
    // makes a start faster, and an app jar taken from the local repository has none.
    Path archive = ClusterTestPaths.appJar().resolveSibling("wikipulse.jsa");
    if (Files.isRegularFile(archive)) {
      jvm.add("-XX:SharedArchiveFile=" + archive);
    }
    return ChildProcess.startJava(
        name,
        workDir,
        jvm,
        ClusterTestPaths.appJar().toString(),
        "org.wikipulse.app.WikipulseMain",
        args,
        Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
  }
}
