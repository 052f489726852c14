package org.wikipulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.contract.kafka.GeneratedBacklog.BadRecordMaker;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The Spark runtime on a real Spark standalone cluster: a master and two workers, each in its own
 * JVM, executors in further JVMs that load wikipulse only from the jars the driver ships. The
 * driver is {@code wikipulse run --runtime spark} in client mode with the configuration a user
 * would write: the master's URL, the jars to ship, and a checkpoint directory every node reaches.
 * The cluster starts once for all cases.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240)
class SparkStandaloneClusterTest {
  private static final int PARTITIONS = 4;
  private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final int OUTPUT_PARTITIONS = 3;

  /** Offsets per micro-batch in the fault cases: the backlog takes several batches. */
  private static final int BATCH_OFFSETS = 10_000;

  private static SparkStandaloneCluster cluster;
  private static LocalStack stack;
  private static SchemaRegistry registry;

  @BeforeAll
  static void startCluster() {
    stack = SharedLocalStack.get();
    registry = RegistrySettings.of(stack.registryUrl()).connect();
    cluster = SparkStandaloneCluster.start(2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * Purpose: an executor lost mid-backlog costs nothing: Spark reschedules its tasks on the other
   * worker (and the master starts a new executor). Input: 30,000 events on 4 partitions with 8 bad
   * records, read 10,000 offsets per micro-batch. The executor JVM of the first worker is killed
   * with SIGKILL once some rows are out and most are not. Pass: read with read_committed, each key
   * once and the reference's row (the transactional sink), every bad record dead-lettered; the
   * worker saw its executor die.
   */
  @Test
  @Order(1)
  void executorKilledMidBacklogLosesNothing() {
    GeneratedBacklog backlog = backlog(30_000, 8, 17);
    String id = "cluster-executor-kill-" + UUID.randomUUID();
    Path dir = ClusterTestPaths.workDir().resolve(id);
    ChildProcess worker = cluster.workers().get(0);
    try (OutputArrivals arrivals = outputOf(id);
        ChildProcess driver =
            WikipulseProcess.run(
                "driver", dir, "spark", driverSettings(backlog, id, dir, BATCH_OFFSETS))) {
      int rowsAtKill = awaitSomeRows(driver, arrivals, backlog);
      List<ProcessHandle> executors = SparkStandaloneCluster.executorsOf(worker);
      assertThat(executors).as("executor JVMs of " + worker.name()).hasSize(1);
      executors.get(0).destroyForcibly();
      System.out.printf(
          "killed executor pid %d with %d rows out%n", executors.get(0).pid(), rowsAtKill);

      PipelineOutput output =
          PipelineOutput.await(stack.bootstrapServers(), id, backlog, RESULT_TIMEOUT);
      output.assertExactlyTheReference(backlog, registry);
      assertThat(worker.logText())
          .as("the worker saw its executor killed")
          .contains("exited with code 137");
      driver.kill();
    }
  }

  /**
   * Purpose: a driver stopped mid-stream resumes from its checkpoint, which lives in a directory
   * every node reaches. Input: 30,000 events on 4 partitions with 8 bad records, 10,000 offsets per
   * micro-batch. The driver gets SIGTERM once the micro-batch that wrote the first rows is
   * committed in the checkpoint, then starts again with the same settings. Pass: read with
   * read_committed, each key once and the reference's row (the restarted driver resumes the
   * committed state and skips what the first one committed), every bad record dead-lettered once.
   */
  @Test
  @Order(2)
  void driverRestartedMidStreamResumesFromItsCheckpoint() {
    GeneratedBacklog backlog = backlog(30_000, 8, 19);
    String id = "cluster-driver-restart-" + UUID.randomUUID();
    Path dir = ClusterTestPaths.workDir().resolve(id);
    Map<String, String> settings = driverSettings(backlog, id, dir, BATCH_OFFSETS);
    int rowsBeforeStop;
    try (OutputArrivals arrivals = outputOf(id);
        ChildProcess first = WikipulseProcess.run("driver-1", dir, "spark", settings)) {
      awaitSomeRows(first, arrivals, backlog);
      // The micro-batch that wrote those rows was running then: wait until it is committed.
      Path commits = dir.resolve("shared-state").resolve("spark").resolve(id).resolve("commits");
      int committedAtRows = lastCommittedBatch(commits);
      first.awaitCondition(
          () -> lastCommittedBatch(commits) > committedAtRows,
          "the commit of the micro-batch that wrote the first rows",
          RESULT_TIMEOUT);
      stop(first);
    }
    rowsBeforeStop =
        KafkaTestClients.readUntil(
                stack.bootstrapServers(), id + "-out", Duration.ofSeconds(3), r -> false)
            .size();
    assertThat(rowsBeforeStop)
        .as("rows out before the stop")
        .isBetween(1, backlog.expected().rows().size() - 1);
    try (ChildProcess second = WikipulseProcess.run("driver-2", dir, "spark", settings)) {
      PipelineOutput output =
          PipelineOutput.await(stack.bootstrapServers(), id, backlog, RESULT_TIMEOUT);
      output.assertExactlyTheReference(backlog, registry);
      second.kill();
    }
  }

  /**
   * Purpose: the runtime on a cluster, started the way the README says, writes the reference's
   * answer, with executors that see only the shipped jars. Input: 20,000 events on 4 partitions
   * with 8 bad records of three kinds. Run: {@code SparkSubmit} (what the {@code spark-submit}
   * script runs) on the Spark home's jars with the README's arguments, client mode, the app's jar
   * and the {@code --jars} copied alone into a directory (nothing else of the build beside them), a
   * config file for the broker, registry and topics. Pass: exactly the reference's rows, each key
   * once, each bad record dead-lettered once; both workers ran an executor for it.
   */
  @Test
  @Order(0)
  void sparkSubmitRecipeWritesTheReference() throws IOException {
    GeneratedBacklog backlog = backlog(20_000, 8, 23);
    String id = "cluster-submit-" + UUID.randomUUID();
    Path dir = ClusterTestPaths.workDir().resolve(id);
    Files.createDirectories(dir);
    Path config = dir.resolve("wikipulse.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "application-id: " + id,
            "kafka:",
            "  bootstrap-servers: " + stack.bootstrapServers(),
            "registry:",
            "  url: " + stack.registryUrl(),
            "topics:",
            "  input: " + backlog.topic(),
            "  output: " + id + "-out",
            "  dead-letters: " + id + "-dlq",
            "http:",
            "  port: 0",
            ""));
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("engine.spark.master", cluster.masterUrl());
    sets.put("engine.spark.driver.host", "127.0.0.1");
    sets.put("engine.spark.driver.bindAddress", "127.0.0.1");
    sets.put("state-dir", dir.resolve("shared-state").toString());
    try (ChildProcess submit =
        SparkSubmitRecipe.submit("spark-submit", dir, cluster, config, sets)) {
      PipelineOutput output =
          PipelineOutput.await(stack.bootstrapServers(), id, backlog, RESULT_TIMEOUT);
      output.assertExactlyTheReference(backlog, registry);
      for (ChildProcess worker : cluster.workers()) {
        assertThat(worker.logText())
            .as(worker.name() + " launched an executor for the application")
            .contains("Launch command");
      }
      submit.kill();
    }
  }

  /**
   * SIGTERM, and SIGKILL if that has not stopped it in time: a clean stop is issue 14's to prove
   * (the fault suite); here only the state left behind matters.
   */
  private static void stop(ChildProcess driver) {
    try {
      int exit = driver.terminate(STOP_TIMEOUT);
      System.out.println(driver.name() + " stopped by SIGTERM, exit code " + exit);
    } catch (AssertionError e) {
      System.out.println(
          driver.name() + " ignored SIGTERM for " + STOP_TIMEOUT.toSeconds() + " s; killed");
      driver.kill();
    }
  }

  /**
   * Creates the output topic (as a user whose cluster forbids creating them would) and follows it.
   */
  private static OutputArrivals outputOf(String id) {
    KafkaTestClients.createTopic(stack.bootstrapServers(), id + "-out", OUTPUT_PARTITIONS);
    return new OutputArrivals(stack.bootstrapServers(), id + "-out", OUTPUT_PARTITIONS);
  }

  /** The highest micro-batch in a Spark checkpoint's commit log, or -1 before the first. */
  private static int lastCommittedBatch(Path commits) {
    try (Stream<Path> files = Files.list(commits)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("\\d+"))
          .mapToInt(Integer::parseInt)
          .max()
          .orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Waits until some rows are out but most are not: the middle of the backlog. */
  private static int awaitSomeRows(
      ChildProcess driver, OutputArrivals arrivals, GeneratedBacklog backlog) {
    int wanted = Math.max(1, backlog.expected().rows().size() / 10);
    driver.awaitCondition(() -> arrivals.count() >= wanted, wanted + " rows out", RESULT_TIMEOUT);
    int rows = arrivals.count();
    assertThat(rows)
        .as("rows out when the fault strikes: mid-backlog")
        .isLessThan(backlog.expected().rows().size() / 2);
    return rows;
  }

  private static GeneratedBacklog backlog(int events, int badRecords, long seed) {
    return GeneratedBacklog.produce(
        stack.bootstrapServers(),
        registry,
        "cluster-in-" + UUID.randomUUID(),
        new GeneratedBacklog.Recipe(
            PARTITIONS, events, badRecords, seed, BadRecordMaker.eachKind(), false));
  }

  /** What a user writes to run the driver against the cluster. */
  private static Map<String, String> driverSettings(
      GeneratedBacklog backlog, String id, Path dir, Integer maxOffsetsPerTrigger) {
    Map<String, String> settings =
        WikipulseProcess.settings(stack, backlog, id, dir.resolve("shared-state"));
    settings.put("engine.spark.master", cluster.masterUrl());
    settings.put("engine.spark.jars", ShippedJars.commaSeparated(ShippedJars.forExecutors()));
    settings.put("engine.spark.executor.memory", SparkStandaloneCluster.EXECUTOR_MEMORY);
    settings.put("engine.spark.sql.shuffle.partitions", "4");
    if (maxOffsetsPerTrigger != null) {
      settings.put("engine.maxOffsetsPerTrigger", maxOffsetsPerTrigger.toString());
    }
    return settings;
  }
}
