package org.wikipulse.localstack;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    ExecutorService starter =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "local-stack-start");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Future<KafkaBrokerProcess> broker =
          starter.submit(() -> KafkaBrokerProcess.start(workDir.resolve("kafka"), kafkaPort));
      Future<ApicurioRegistryProcess> registry =
          starter.submit(
              () -> ApicurioRegistryProcess.start(workDir.resolve("registry"), registryPort));
      Started<KafkaBrokerProcess> startedBroker = await(broker);
      Started<ApicurioRegistryProcess> startedRegistry = await(registry);
      RuntimeException failure = firstFailure(startedBroker.failure, startedRegistry.failure);
      if (failure != null) {
        closeQuietly(startedBroker.value);
        closeQuietly(startedRegistry.value);
        throw failure;
      }
      LOG.log(
          Level.INFO,
          "Local stack ready in {0} ms: Kafka {1}, registry {2}",
          (System.nanoTime() - startedAt) / 1_000_000,
          startedBroker.value.bootstrapServers(),
          startedRegistry.value.baseUrl());
      return new LocalStack(startedBroker.value, startedRegistry.value, workDir);
    } finally {
      starter.shutdownNow();
    }
  }

  /** The broker's address for {@code bootstrap.servers}, e.g. {@code 127.0.0.1:41235}. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
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
   * its exit code: after {@link #close()}, or unexpectedly.
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

  private record Started<T>(T value, RuntimeException failure) {}

  private static <T> Started<T> await(Future<T> future) {
    try {
      return new Started<>(future.get(), null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return new Started<>(
          null,
          cause instanceof RuntimeException runtime
              ? runtime
              : new LocalStackStartException(cause.toString(), cause));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new Started<>(
          null, new LocalStackStartException("Interrupted while starting the local stack", e));
    }
  }

  private static RuntimeException firstFailure(RuntimeException first, RuntimeException second) {
    if (first == null) {
      return second;
    }
    if (second != null) {
      first.addSuppressed(second);
    }
    return first;
  }

  private static void closeQuietly(AutoCloseable started) {
    if (started == null) {
      return;
    }
    try {
      started.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Could not stop {0} after a failed start: {1}", started, e.toString());
    }
  }
}
