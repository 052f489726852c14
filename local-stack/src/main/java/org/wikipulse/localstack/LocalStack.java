package org.wikipulse.localstack;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A Kafka broker and a schema registry on 127.0.0.1, started together (in parallel, to halve the
 * wait) and stopped together. Tests should use {@link SharedLocalStack} instead of starting one.
 */
public final class LocalStack implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

  private final KafkaBrokerProcess broker;
  private final ApicurioRegistryProcess registry;
  private final Path workDir;
  private boolean closed;

  private LocalStack(KafkaBrokerProcess broker, ApicurioRegistryProcess registry, Path workDir) {
    this.broker = broker;
    this.registry = registry;
    this.workDir = workDir;
  }

  /** Starts both on free ports in a new temporary directory, deleted again by {@link #close()}. */
  public static LocalStack start() {
    return start(WorkDir.createTemporary("wikipulse-local-stack-"), 0, 0);
  }

  /**
   * Starts both in {@code workDir}; a port of 0 means any free port.
   *
   * @throws LocalStackStartException if either does not come up; the other is stopped then
   */
  public static LocalStack start(Path workDir, int kafkaPort, int registryPort) {
    long startedAt = System.nanoTime();
    ParallelStart.Both<KafkaBrokerProcess, ApicurioRegistryProcess> started =
        ParallelStart.start(
            () -> KafkaBrokerProcess.start(workDir.resolve("kafka"), kafkaPort),
            () -> ApicurioRegistryProcess.start(workDir.resolve("registry"), registryPort));
    LocalStack stack = new LocalStack(started.first(), started.second(), workDir);
    LOG.log(
        Level.INFO,
        "Local stack ready in {0} ms: Kafka {1}, registry {2}",
        (System.nanoTime() - startedAt) / 1_000_000,
        stack.bootstrapServers(),
        stack.registryUrl());
    return stack;
  }

  /** The broker's address for {@code bootstrap.servers}, e.g. {@code 127.0.0.1:41235}. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * The broker's SASL/PLAIN listener, where {@link KafkaBrokerProcess#saslPlainClientProperties()}
   * log in.
   */
  public String saslPlainBootstrapServers() {
    return broker.saslPlainBootstrapServers();
  }

  /**
   * The registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}.
   */
  public String registryUrl() {
    return registry.baseUrl();
  }

  /** The broker, e.g. for its log file. */
  public KafkaBrokerProcess broker() {
    return broker;
  }

  /** The registry, e.g. for its log file. */
  public ApicurioRegistryProcess registry() {
    return registry;
  }

  /**
   * Completes when the broker or the registry process exits, with a sentence naming which one and
   * its exit code: after {@link #close()}, or unexpectedly. It watches the processes running when
   * it is called: a broker restarted later ({@link KafkaBrokerProcess#restart}) is a new process.
   */
  public CompletableFuture<String> anyProcessExit() {
    CompletableFuture<String> brokerExit =
        broker.jvm().onExit().thenApply(p -> "Kafka broker exited with code " + p.exitValue());
    CompletableFuture<String> registryExit =
        registry
            .jvm()
            .onExit()
            .thenApply(p -> "Apicurio Registry exited with code " + p.exitValue());
    return brokerExit.applyToEither(registryExit, message -> message);
  }

  /** Stops both and deletes the work directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Both take a second or two to shut down; in parallel the wait is the longer of the two.
    CompletableFuture<Void> registryStopped = CompletableFuture.runAsync(registry::close);
    try {
      broker.close();
    } finally {
      registryStopped.join();
      WorkDir.delete(workDir);
    }
  }

  /** Whether {@link #close()} has been called. */
  public synchronized boolean isClosed() {
    return closed;
  }
}
