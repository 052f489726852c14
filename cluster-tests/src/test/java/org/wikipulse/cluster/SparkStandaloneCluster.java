package org.wikipulse.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on 127.0.0.1: one master and some workers, each its own JVM started
 * from the classes in the Maven jars ({@code org.apache.spark.deploy.master.Master}, {@code
 * ...worker.Worker}), from a Spark home whose {@code jars/} the build assembled. The workers launch
 * their executors as further JVMs, with the classpath Spark's launcher builds from {@code
 * SPARK_HOME/jars}: whatever else an executor needs, the driver must ship ({@code spark.jars}).
 */
final class SparkStandaloneCluster implements AutoCloseable {
  /** Each worker offers one core and this much memory to executors. */
  static final String WORKER_MEMORY = "640m";

  /** What an executor asks for; within {@link #WORKER_MEMORY}. */
  static final String EXECUTOR_MEMORY = "512m";

  private static final String DAEMON_HEAP = "-Xmx192m";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path sparkHome;
  private final Path workDir;
  private final ChildProcess master;
  private final String masterUrl;
  private final List<ChildProcess> workers = new ArrayList<>();

  private SparkStandaloneCluster(
      Path sparkHome, Path workDir, ChildProcess master, String masterUrl) {
    this.sparkHome = sparkHome;
    this.workDir = workDir;
    this.master = master;
    this.masterUrl = masterUrl;
  }

  /** Starts a master and {@code workers} workers, and waits until every worker has registered. */
  static SparkStandaloneCluster start(int workers) {
    Path sparkHome = ClusterTestPaths.sparkHome();
    Path workDir = ClusterTestPaths.workDir().resolve("spark-cluster-" + System.nanoTime());
    int port = freePort();
    ChildProcess master =
        ChildProcess.startJava(
            "spark-master",
            workDir,
            daemonOptions(),
            sparkClasspath(sparkHome),
            "org.apache.spark.deploy.master.Master",
            List.of(
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                Integer.toString(freePort())),
            environment(sparkHome));
    String url = "spark://127.0.0.1:" + port;
    SparkStandaloneCluster cluster = new SparkStandaloneCluster(sparkHome, workDir, master, url);
    try {
      master.awaitLog("I have been elected leader", START_TIMEOUT);
      for (int i = 1; i <= workers; i++) {
        cluster.addWorker();
      }
      for (ChildProcess worker : cluster.workers) {
        worker.awaitLog("Successfully registered with master", START_TIMEOUT);
      }
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private void addWorker() {
    int n = workers.size() + 1;
    Path dir = workDir.resolve("worker-" + n);
    workers.add(
        ChildProcess.startJava(
            "spark-worker-" + n,
            dir,
            daemonOptions(),
            sparkClasspath(sparkHome),
            "org.apache.spark.deploy.worker.Worker",
            List.of(
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                WORKER_MEMORY,
                "--work-dir",
                dir.resolve("work").toString(),
                "--webui-port",
                Integer.toString(freePort()),
                masterUrl),
            environment(sparkHome)));
  }

  ChildProcess master() {
    return master;
  }

  String masterUrl() {
    return masterUrl;
  }

  Path sparkHome() {
    return sparkHome;
  }

  List<ChildProcess> workers() {
    return List.copyOf(workers);
  }

  /** The executor JVMs a worker is running now (its child processes). */
  static List<ProcessHandle> executorsOf(ChildProcess worker) {
    return ProcessHandle.of(worker.pid()).stream()
        .flatMap(ProcessHandle::children)
        .filter(
            child ->
                child
                    .info()
                    .arguments()
                    .map(args -> Arrays.asList(args).toString().contains("ExecutorBackend"))
                    .orElse(false))
        .toList();
  }

  /** The classpath of the Spark daemons and of {@code spark-submit}: the Spark home's jars. */
  static String sparkClasspath(Path sparkHome) {
    Path jars = sparkHome.resolve("jars");
    if (!Files.isDirectory(jars)) {
      throw new IllegalStateException(
          "No Spark home at "
              + sparkHome
              + ": the build assembles it (maven-dependency-plugin in cluster-tests); run through"
              + " './mvnw -B verify -pl cluster-tests -am'");
    }
    return jars.resolve("*").toString();
  }

  /** What Spark's scripts would set: the home, the Scala version its launcher needs, loopback. */
  static Map<String, String> environment(Path sparkHome) {
    return Map.of(
        "SPARK_HOME", sparkHome.toString(),
        "SPARK_SCALA_VERSION", "2.12",
        "SPARK_LOCAL_IP", "127.0.0.1",
        "SPARK_LOCAL_HOSTNAME", "127.0.0.1");
  }

  private static List<String> daemonOptions() {
    List<String> options = new ArrayList<>(ClusterTestPaths.sparkJava17Opens());
    options.add(DAEMON_HEAP);
    return options;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    }
  }

  /** Kills the workers (with their executors) and the master. */
  @Override
  public void close() {
    workers.forEach(ChildProcess::kill);
    master.kill();
  }
}
