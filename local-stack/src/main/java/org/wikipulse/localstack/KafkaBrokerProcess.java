package org.wikipulse.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one JVM) on 127.0.0.1, run
 * from the Maven build's {@code kafka_2.13} classpath: {@code StorageTool format}, then {@code
 * kafka.Kafka}. Topics are not created automatically and data is never deleted by age. For fault
 * tests it can be killed ({@link #kill()}) and started again on the same log directory and ports
 * ({@link #restart(Duration)}).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  /** How long the broker may take to start; it needs about 2 s on an idle 2-core machine. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  /** The one user of the SASL/PLAIN listener ({@link #saslPlainBootstrapServers()}). */
  public static final String SASL_USER = "wikipulse";

  public static final String SASL_PASSWORD = "wikipulse-secret";

  private static final System.Logger LOG = System.getLogger(KafkaBrokerProcess.class.getName());
  private static final String READY_MARKER = "Kafka Server started";
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final List<String> JVM_OPTIONS =
      List.of("-Xms64m", "-Xmx256m", "-Djava.awt.headless=true");

  /** How to start the server again on the same log directory and ports. */
  private record ServerCommand(List<String> arguments, int brokerPort, ProcessLog log) {}

  private final Path workDir;
  private final ServerCommand serverCommand;
  private final String bootstrapServers;
  private final String saslPlainBootstrapServers;
  private ChildJvm jvm;
  private boolean closed;

  private KafkaBrokerProcess(
      ChildJvm jvm,
      ServerCommand serverCommand,
      Path workDir,
      String bootstrapServers,
      String saslPlainBootstrapServers) {
    this.jvm = jvm;
    this.serverCommand = serverCommand;
    this.workDir = workDir;
    this.bootstrapServers = bootstrapServers;
    this.saslPlainBootstrapServers = saslPlainBootstrapServers;
  }

  /** Starts a broker on the Maven build's classpath, listening on {@code port} (0: any free). */
  public static KafkaBrokerProcess start(Path workDir, int port) {
    LocalStackInstallation installation = LocalStackInstallation.load();
    return start(installation.kafkaBrokerClasspath(), workDir, port, DEFAULT_START_TIMEOUT);
  }

  /**
   * Formats a fresh log directory in {@code workDir} (which must be absent or empty), starts the
   * broker and waits until it reports itself started and accepts connections. If another process
   * took a port between its choice and the broker's bind, starts again on new ports.
   *
   * @throws LocalStackStartException if formatting fails or the broker exits or is not ready within
   *     {@code startTimeout}; the message holds the log's last lines. The work directory is kept
   *     then, for the whole log.
   */
  public static KafkaBrokerProcess start(
      String classpath, Path workDir, int port, Duration startTimeout) {
    return start(classpath, workDir, port, startTimeout, FreePort::pickOtherThan);
  }

  /** As above, with the controller's port chosen by {@code controllerPortBeside(brokerPort)}. */
  static KafkaBrokerProcess start(
      String classpath,
      Path workDir,
      int port,
      Duration startTimeout,
      IntUnaryOperator controllerPortBeside) {
    requireClasspathExists(classpath);
    for (int attempt = 1; ; attempt++) {
      WorkDir.createEmpty(workDir);
      int brokerPort = FreePort.orFree(port);
      int controllerPort = controllerPortBeside.applyAsInt(brokerPort);
      try {
        return startOnce(classpath, workDir, brokerPort, controllerPort, startTimeout);
      } catch (LocalStackStartException e) {
        if (attempt == FreePort.BIND_ATTEMPTS
            || !new ProcessLog(logFile(workDir)).reportsPortInUse()) {
          throw e;
        }
        LOG.log(
            Level.INFO,
            "Kafka broker could not bind port {0} or {1}, taken since they were chosen; retrying",
            Integer.toString(brokerPort),
            Integer.toString(controllerPort));
        WorkDir.delete(workDir);
      }
    }
  }

  private static KafkaBrokerProcess startOnce(
      String classpath, Path workDir, int brokerPort, int controllerPort, Duration startTimeout) {
    Path serverProperties = workDir.resolve("server.properties");
    Path log4jProperties = workDir.resolve("log4j.properties");
    int saslPort = FreePort.pickOtherThan(brokerPort);
    while (saslPort == controllerPort) {
      saslPort = FreePort.pickOtherThan(brokerPort);
    }
    write(
        serverProperties,
        KafkaBrokerConfig.serverProperties(
            brokerPort, controllerPort, saslPort, workDir.resolve("data")));
    write(log4jProperties, KafkaBrokerConfig.LOG4J_PROPERTIES);
    ProcessLog log = new ProcessLog(logFile(workDir));
    List<String> jvmOptions = new ArrayList<>(JVM_OPTIONS);
    jvmOptions.add("-Dlog4j.configuration=" + log4jProperties.toUri());

    long startedAt = System.nanoTime();
    List<String> format = new ArrayList<>(jvmOptions);
    format.addAll(
        List.of(
            "-cp",
            classpath,
            "kafka.tools.StorageTool",
            "format",
            "--cluster-id",
            randomClusterId(),
            "--config",
            serverProperties.toString()));
    ChildJvm.launch("Kafka storage format", format, workDir, log).awaitSuccessfulExit(startTimeout);

    List<String> server = new ArrayList<>(jvmOptions);
    server.addAll(ChildJvm.parentWatchedMain(workDir, classpath, "kafka.Kafka"));
    server.add(serverProperties.toString());
    ServerCommand command = new ServerCommand(List.copyOf(server), brokerPort, log);
    ChildJvm jvm = launchServer(command, workDir, startTimeout);
    String bootstrapServers = FreePort.LOOPBACK + ":" + brokerPort;
    LOG.log(
        Level.INFO,
        "Kafka broker ready at {0} in {1} ms (pid {2}, log {3})",
        bootstrapServers,
        (System.nanoTime() - startedAt) / 1_000_000,
        Long.toString(jvm.pid()),
        log.file());
    return new KafkaBrokerProcess(
        jvm, command, workDir, bootstrapServers, FreePort.LOOPBACK + ":" + saslPort);
  }

  /** Starts the server and waits until this start (not an earlier one in the log) is ready. */
  private static ChildJvm launchServer(ServerCommand command, Path workDir, Duration timeout) {
    long logLengthBefore = command.log().length();
    ChildJvm jvm = ChildJvm.launch("Kafka broker", command.arguments(), workDir, command.log());
    jvm.awaitReady(
        () ->
            command.log().containsAfter(logLengthBefore, READY_MARKER)
                && acceptsConnections(command.brokerPort()),
        timeout);
    return jvm;
  }

  private static Path logFile(Path workDir) {
    return workDir.resolve("broker.log");
  }

  /** The address for {@code bootstrap.servers}, e.g. {@code 127.0.0.1:41235}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The address of the broker's second listener, SASL/PLAIN without TLS, for trying the client
   * settings of a secured cluster: {@link #saslPlainClientProperties()} log in there.
   */
  public String saslPlainBootstrapServers() {
    return saslPlainBootstrapServers;
  }

  /** Kafka client settings that log in to the SASL/PLAIN listener as {@link #SASL_USER}. */
  public static Map<String, String> saslPlainClientProperties() {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "PLAIN",
        "sasl.jaas.config",
        plainLoginModule("username=\"" + SASL_USER + "\" password=\"" + SASL_PASSWORD + "\""));
  }

  static String plainLoginModule(String options) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required " + options + ";";
  }

  /** The file holding the broker's output, deleted with the work directory on {@link #close()}. */
  public Path logFile() {
    return serverCommand.log().file();
  }

  synchronized long pid() {
    return jvm.pid();
  }

  /** The broker's current JVM: a new one after {@link #restart(Duration)}. */
  synchronized ChildJvm jvm() {
    return jvm;
  }

  /**
   * Kills the broker with SIGKILL, as a lost node or the OOM killer ends it: no controlled
   * shutdown, no flush, its log directory left as it is for {@link #restart(Duration)}. Returns
   * once the process is gone.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized void kill() {
    requireOpen("kill");
    jvm.kill();
    LOG.log(
        Level.INFO,
        "Kafka broker at {0} killed (pid {1})",
        bootstrapServers,
        Long.toString(jvm.pid()));
  }

  /**
   * Starts the broker again on the same log directory and the same ports, after {@link #kill()} or
   * a crash, and waits until it is ready: clients that keep {@link #bootstrapServers()} find it
   * again with its topics, records, committed offsets and transactions (the broker recovers its log
   * as after a power loss). Waits for a process still running to exit first. After a kill this
   * takes about 9 s more than a first start: the controller refuses the new incarnation of the
   * broker until the killed one's session ({@code broker.session.timeout.ms}) has expired, as in a
   * real cluster.
   *
   * @throws LocalStackStartException if it is not ready within {@code startTimeout} (for instance
   *     because another process took one of its ports meanwhile); the log's tail says why
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized void restart(Duration startTimeout) {
    requireOpen("restart");
    jvm.stop(STOP_GRACE);
    long startedAt = System.nanoTime();
    jvm = launchServer(serverCommand, workDir, startTimeout);
    LOG.log(
        Level.INFO,
        "Kafka broker at {0} restarted on its log directory in {1} ms (pid {2})",
        bootstrapServers,
        (System.nanoTime() - startedAt) / 1_000_000,
        Long.toString(jvm.pid()));
  }

  private void requireOpen(String what) {
    if (closed) {
      throw new IllegalStateException("Cannot " + what + " the Kafka broker: it is closed");
    }
  }

  /** Stops the broker (controlled shutdown first) and deletes its work directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    jvm.stop(STOP_GRACE);
    WorkDir.delete(workDir);
    LOG.log(Level.INFO, "Kafka broker at {0} stopped", bootstrapServers);
  }

  /**
   * A cluster id as Kafka writes them: 16 random bytes in URL-safe base64 without padding, never
   * starting with '-' (which a command line would take for an option).
   */
  static String randomClusterId() {
    SecureRandom random = new SecureRandom();
    while (true) {
      ByteBuffer bytes =
          ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(random.nextLong());
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  private static boolean acceptsConnections(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(FreePort.LOOPBACK, port), 1000);
      return true;
    }
  }

  private static void requireClasspathExists(String classpath) {
    for (String entry : classpath.split(File.pathSeparator)) {
      LocalStackInstallation.requireExists(Path.of(entry), "Kafka broker classpath entry");
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
