package org.wikipulse.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.contract.kafka.GeneratedBacklog.BadRecordMaker;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;

/**
 * The scale scenario of {@code bench/run-pipelines --scale}: one generated backlog, worked through
 * by the Spark runtime on a standalone cluster of 1 and then 2 workers (one core each), and by 1
 * and then 2 Kafka Streams instances, each run from the earliest offset into its own output topic.
 * For each: the time from start to the last expected row, the time to the first row (start-up and
 * the first windows' lateness), and the CPU seconds of every process of the run (drivers,
 * instances, master, workers, executors) per million events. Not a test (surefire runs only {@code
 * *Test}): it lives here to share the cluster fixture. Usage: {@code [--events N]}.
 */
public final class ScaleBench {
  private static final int PARTITIONS = 4;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  /** Micro-batches of this many offsets keep a 512 MB executor's batch small. */
  private static final int SPARK_BATCH_OFFSETS = 100_000;

  private ScaleBench() {}

  record Result(
      String run, long events, long firstRowMillis, long lastRowMillis, double cpuSeconds) {
    String line() {
      double seconds = lastRowMillis / 1000.0;
      return String.format(
          "| %s | %,d | %.1f | %.1f | %,.0f | %.1f | %.1f |",
          run,
          events,
          firstRowMillis / 1000.0,
          seconds,
          events / seconds,
          cpuSeconds,
          cpuSeconds / (events / 1e6));
    }
  }

  public static void main(String[] args) throws Exception {
    int events = 400_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--events")) {
        events = Integer.parseInt(args[++i].replace("_", ""));
      } else {
        throw new IllegalArgumentException("Unknown argument " + args[i] + "; usage: [--events N]");
      }
    }
    LocalStack stack = SharedLocalStack.get();
    log("loading " + events + " events on " + PARTITIONS + " partitions");
    GeneratedBacklog backlog =
        GeneratedBacklog.produce(
            stack.bootstrapServers(),
            RegistrySettings.of(stack.registryUrl()).connect(),
            "scale-in-" + UUID.randomUUID(),
            new GeneratedBacklog.Recipe(
                PARTITIONS, events, 0, 1, BadRecordMaker.tooShort(), false));
    List<Result> results = new ArrayList<>();
    for (int workers = 1; workers <= 2; workers++) {
      results.add(spark(stack, backlog, workers));
    }
    for (int instances = 1; instances <= 2; instances++) {
      results.add(kafkaStreams(stack, backlog, instances));
    }
    System.out.println();
    System.out.println(
        "| run | events | first row (s) | last row (s) | events/s | CPU s | CPU s per M events |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    results.forEach(result -> System.out.println(result.line()));
    System.exit(0);
  }

  private static Result spark(LocalStack stack, GeneratedBacklog backlog, int workers) {
    String run = "Spark, " + workers + (workers == 1 ? " worker" : " workers");
    log(run + ": starting the cluster");
    try (SparkStandaloneCluster cluster = SparkStandaloneCluster.start(workers)) {
      String id = "scale-spark-" + workers + "-" + UUID.randomUUID();
      Path dir = ClusterTestPaths.workDir().resolve(id);
      Map<String, String> settings =
          WikipulseProcess.settings(stack, backlog, id, dir.resolve("state"));
      settings.put("engine.spark.master", cluster.masterUrl());
      settings.put("engine.spark.jars", ShippedJars.commaSeparated(ShippedJars.forExecutors()));
      settings.put("engine.spark.executor.memory", SparkStandaloneCluster.EXECUTOR_MEMORY);
      settings.put("engine.spark.sql.shuffle.partitions", Integer.toString(2 * workers));
      settings.put("engine.maxOffsetsPerTrigger", Integer.toString(SPARK_BATCH_OFFSETS));
      List<ChildProcess> processes = new ArrayList<>(List.of(cluster.master()));
      processes.addAll(cluster.workers());
      return measure(
          run,
          stack,
          backlog,
          id,
          () -> {
            processes.add(WikipulseProcess.run("driver", dir, "spark", settings));
            return processes;
          });
    }
  }

  private static Result kafkaStreams(LocalStack stack, GeneratedBacklog backlog, int instances) {
    String run = "Kafka Streams, " + instances + (instances == 1 ? " instance" : " instances");
    String id = "scale-kstreams-" + instances + "-" + UUID.randomUUID();
    Path dir = ClusterTestPaths.workDir().resolve(id);
    return measure(
        run,
        stack,
        backlog,
        id,
        () -> {
          List<ChildProcess> processes = new ArrayList<>();
          for (int n = 1; n <= instances; n++) {
            Map<String, String> settings =
                WikipulseProcess.settings(stack, backlog, id, dir.resolve("instance-" + n));
            processes.add(WikipulseProcess.run("instance-" + n, dir, "kafka-streams", settings));
          }
          return processes;
        });
  }

  private static Result measure(
      String run,
      LocalStack stack,
      GeneratedBacklog backlog,
      String id,
      Supplier<List<ChildProcess>> start) {
    KafkaTestClients.createTopic(stack.bootstrapServers(), id + "-out", 3);
    int expected = backlog.expected().rows().size();
    try (OutputArrivals arrivals = new OutputArrivals(stack.bootstrapServers(), id + "-out", 3)) {
      log(run + ": running");
      long started = System.nanoTime();
      List<ChildProcess> processes = start.get();
      try {
        processes
            .get(processes.size() - 1)
            .awaitCondition(() -> arrivals.count() >= expected, expected + " rows", RUN_TIMEOUT);
        long lastRow = (System.nanoTime() - started) / 1_000_000;
        long firstRow = arrivals.millisUntilNextAfter(started);
        double cpu =
            processes.stream()
                .flatMap(p -> ProcessHandle.of(p.pid()).stream())
                .flatMap(handle -> Stream.concat(Stream.of(handle), handle.descendants()))
                .mapToDouble(
                    handle ->
                        handle
                            .info()
                            .totalCpuDuration()
                            .map(d -> d.toMillis() / 1000.0)
                            .orElse(0.0))
                .sum();
        Result result = new Result(run, backlog.records(), firstRow, lastRow, cpu);
        log(result.line());
        return result;
      } finally {
        processes.forEach(ChildProcess::kill);
      }
    }
  }

  private static void log(String line) {
    System.out.println("scale: " + line);
  }
}
