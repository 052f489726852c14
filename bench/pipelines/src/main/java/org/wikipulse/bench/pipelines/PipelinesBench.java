package org.wikipulse.bench.pipelines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.bench.pipelines.BenchInput.RowKey;
import org.wikipulse.bench.pipelines.BenchInput.TailStep;
import org.wikipulse.bench.pipelines.OutputWatcher.Arrival;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The harness: starts the local stack, loads the input once, runs each contestant in its own JVM
 * over it, one after another, and prints a Markdown table. Usage: {@code [--events N] [--evolve]
 * [--tail-steps N] [--only NAME,NAME] [--report FILE] [--jfr] [--java-options OPTS]}.
 */
public final class PipelinesBench {
  // Longer than Kafka Streams' default 30 s commit interval, which paces the textbook's output.
  private static final long QUIET_MS = 35_000;
  private static final long BACKLOG_GIVE_UP_MS = 30 * 60_000;
  private static final long TAIL_STEP_INTERVAL_MS = 1_000;
  private static final long TAIL_WAIT_MS = 20_000;

  private PipelinesBench() {}

  public static void main(String[] argv) throws Exception {
    int events = 1_000_000;
    boolean evolve = false;
    boolean jfr = false;
    // The heap ./wikipulse gives the app unless WIKIPULSE_JAVA_OPTS says otherwise: contestants
    // run as shipped. An empty --java-options '' leaves the JVM's own heap ergonomics.
    List<String> javaOptions = List.of("-Xmx1g");
    int tailSteps = 12;
    Path report = Path.of("target", "pipelines-report.md");
    Set<Contestant> contestants = EnumSet.allOf(Contestant.class);
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--events" -> events = Integer.parseInt(argv[++i].replace("_", ""));
        case "--evolve" -> evolve = true;
        case "--jfr" -> jfr = true;
        case "--java-options" ->
            javaOptions = argv[++i].isBlank() ? List.of() : List.of(argv[i].trim().split("\\s+"));
        case "--tail-steps" -> tailSteps = Integer.parseInt(argv[++i]);
        case "--report" -> report = Path.of(argv[++i]);
        case "--only" -> {
          contestants = EnumSet.noneOf(Contestant.class);
          for (String name : argv[++i].split(",")) {
            contestants.add(Contestant.valueOf(name.trim().toUpperCase().replace('-', '_')));
          }
        }
        default ->
            throw new IllegalArgumentException(
                "Unknown argument "
                    + argv[i]
                    + "; usage: [--events N] [--evolve] [--tail-steps N] [--only NAME,..] [--jfr]"
                    + " [--java-options '-Xmx512m ...']"
                    + " [--report FILE]");
      }
    }
    Path work = Files.createTempDirectory("wikipulse-bench-");
    Path logs = Path.of("target", "logs");
    Files.createDirectories(logs);
    log("starting the local stack");
    try (LocalStack stack = LocalStack.start()) {
      String topic = "recentchange-" + UUID.randomUUID().toString().substring(0, 8);
      String subject = topic + "-value";
      createTopic(stack.bootstrapServers(), topic, BenchInput.PARTITIONS);
      SchemaRegistry registry = RegistrySettings.of(stack.registryUrl()).connect();
      List<Measurement> results = new ArrayList<>();
      long loadMs;
      long underV2;
      try (BenchInput input = new BenchInput(stack.bootstrapServers(), topic, registry, subject)) {
        log("loading " + events + " events" + (evolve ? " (a third under v2)" : ""));
        long started = System.currentTimeMillis();
        input.loadBacklog(events, evolve);
        loadMs = System.currentTimeMillis() - started;
        underV2 = input.writtenUnderV2();
        log(
            "loaded in "
                + loadMs
                + " ms; reference: "
                + input.expectedRows().size()
                + " rows, "
                + input.referenceCounted()
                + " counted, "
                + input.referenceDroppedLate()
                + " dropped late");
        for (Contestant contestant : contestants) {
          // Earlier contestants' live tails are backlog for the later ones.
          long backlogRecords = input.recordsWritten();
          Map<RowKey, Long> backlogRows = input.expectedRows();
          results.add(
              runOne(
                  contestant,
                  stack,
                  registry,
                  input,
                  topic,
                  subject,
                  backlogRecords,
                  backlogRows,
                  tailSteps,
                  work,
                  logs,
                  jfr,
                  javaOptions));
        }
      }
      String table =
          ResultTable.markdown(
              results,
              events,
              evolve,
              underV2,
              loadMs,
              tailSteps,
              MachineInfo.describe()
                  + (javaOptions.isEmpty()
                      ? "; contestant JVMs with default heap ergonomics"
                      : "; contestant JVM options " + String.join(" ", javaOptions)));
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, table);
      System.out.println(table);
      log("report written to " + report.toAbsolutePath());
    }
  }

  private static Measurement runOne(
      Contestant contestant,
      LocalStack stack,
      SchemaRegistry registry,
      BenchInput input,
      String topic,
      String subject,
      long backlogRecords,
      Map<RowKey, Long> backlogRows,
      int tailSteps,
      Path work,
      Path logs,
      boolean jfr,
      List<String> javaOptions)
      throws Exception {
    String outputTopic = "out-" + contestant.name().toLowerCase().replace('_', '-');
    createTopic(stack.bootstrapServers(), outputTopic, 1);
    ContestantArgs args =
        new ContestantArgs(
            contestant,
            stack.bootstrapServers(),
            stack.registryUrl(),
            topic,
            subject,
            outputTopic,
            Files.createDirectories(work.resolve(outputTopic)));
    log("running " + contestant.label());
    try (OutputWatcher watcher =
            new OutputWatcher(stack.bootstrapServers(), outputTopic, registry);
        ChildProcess child =
            new ChildProcess(
                args,
                logs.resolve(outputTopic + ".log"),
                backlogRecords,
                jfr ? logs.resolve(outputTopic + ".jfr") : null,
                javaOptions)) {
      long deadline = child.launchedAtMs() + BACKLOG_GIVE_UP_MS;
      while (System.currentTimeMillis() < deadline && child.isAlive()) {
        Set<RowKey> seen = keys(watcher.arrivals());
        if (seen.containsAll(backlogRows.keySet()) && child.allReadAtMs() > 0) {
          break;
        }
        long lastActivity =
            Math.max(Math.max(watcher.lastArrivalMs(), child.allReadAtMs()), child.launchedAtMs());
        if (child.allReadAtMs() > 0 && System.currentTimeMillis() - lastActivity > QUIET_MS) {
          break;
        }
        Thread.sleep(100);
      }
      List<Arrival> backlogArrivals = watcher.arrivals();
      log(
          contestant.label()
              + ": backlog phase over, read "
              + child.recordsIn()
              + " of "
              + backlogRecords
              + ", "
              + backlogArrivals.size()
              + " rows");
      List<TailStep> steps = new ArrayList<>();
      for (int s = 0; s < tailSteps && child.isAlive(); s++) {
        steps.add(input.tailStep());
        Thread.sleep(TAIL_STEP_INTERVAL_MS);
      }
      Map<RowKey, Long> expected = input.expectedRows();
      long tailDeadline = System.currentTimeMillis() + TAIL_WAIT_MS;
      while (System.currentTimeMillis() < tailDeadline
          && child.isAlive()
          && !keys(watcher.arrivals()).containsAll(expected.keySet())) {
        Thread.sleep(100);
      }
      double rss = child.isAlive() ? child.peakRssMb() : Double.NaN;
      double cpu = child.isAlive() ? child.cpuSeconds() : Double.NaN;
      if (!child.isAlive()) {
        log(contestant.label() + " exited early; see " + logs.resolve(outputTopic + ".log"));
      }
      return measure(
          contestant, child, watcher, backlogRecords, backlogRows, expected, steps, rss, cpu);
    }
  }

  private static Measurement measure(
      Contestant contestant,
      ChildProcess child,
      OutputWatcher watcher,
      long backlogRecords,
      Map<RowKey, Long> backlogRows,
      Map<RowKey, Long> expected,
      List<TailStep> steps,
      double rss,
      double cpu) {
    List<Arrival> arrivals = watcher.arrivals();
    Map<RowKey, Long> got = new HashMap<>();
    int duplicates = 0;
    long lastBacklogRowMs = 0;
    List<Long> delays = new ArrayList<>();
    for (Arrival arrival : arrivals) {
      RowKey key = RowKey.of(arrival.row());
      if (got.put(key, arrival.row().count()) != null) {
        duplicates++;
      }
      if (backlogRows.containsKey(key)) {
        lastBacklogRowMs = Math.max(lastBacklogRowMs, arrival.appendedAtMs());
      } else {
        long windowEnd = arrival.row().windowEnd().toEpochMilli();
        for (TailStep step : steps) {
          if (step.watermarkAfterMs() >= windowEnd) {
            delays.add(arrival.appendedAtMs() - step.appendedAtMs());
            break;
          }
        }
      }
    }
    Set<RowKey> all = new HashSet<>(expected.keySet());
    all.addAll(got.keySet());
    int differing = 0;
    for (RowKey key : all) {
      if (!expected.getOrDefault(key, 0L).equals(got.getOrDefault(key, 0L))) {
        differing++;
      }
    }
    long missingWindowCounts = 0;
    for (Map.Entry<RowKey, Long> row : backlogRows.entrySet()) {
      missingWindowCounts += row.getValue() - got.getOrDefault(row.getKey(), 0L);
    }
    boolean readAll = child.allReadAtMs() > 0;
    long endMs = Math.max(child.allReadAtMs(), lastBacklogRowMs);
    double eventsPerSecond =
        readAll ? backlogRecords * 1000.0 / (endMs - child.launchedAtMs()) : Double.NaN;
    double steadyEventsPerSecond =
        readAll && child.firstReadAtMs() > 0
            ? backlogRecords * 1000.0 / (endMs - child.firstReadAtMs())
            : Double.NaN;
    double firstOutput =
        arrivals.isEmpty()
            ? Double.NaN
            : (arrivals.get(0).appendedAtMs() - child.launchedAtMs()) / 1000.0;
    long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] batches = child.batchMillis().stream().mapToLong(Long::longValue).sorted().toArray();
    Measurement measurement =
        new Measurement(
            contestant,
            readAll,
            eventsPerSecond,
            steadyEventsPerSecond,
            firstOutput,
            percentile(sorted, 0.50),
            percentile(sorted, 0.99),
            sorted.length,
            percentile(batches, 0.50),
            batches.length == 0 ? Double.NaN : batches[batches.length - 1],
            batches.length,
            rss,
            cpu,
            expected.size(),
            differing,
            duplicates,
            missingWindowCounts / 2);
    log(
        measurement.toString()
            + (watcher.undecodable() > 0 ? " undecodable rows: " + watcher.undecodable() : ""));
    return measurement;
  }

  private static double percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    // Nearest rank: the smallest sample with at least that share of samples at or below it.
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static Set<RowKey> keys(List<Arrival> arrivals) {
    Set<RowKey> keys = new HashSet<>();
    for (Arrival arrival : arrivals) {
      keys.add(RowKey.of(arrival.row()));
    }
    return keys;
  }

  private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, partitions, (short) 1)
                      .configs(Map.of("message.timestamp.type", "LogAppendTime"))))
          .all()
          .get();
    }
  }

  static void log(String message) {
    System.err.printf("%tT bench: %s%n", System.currentTimeMillis(), message);
  }
}
