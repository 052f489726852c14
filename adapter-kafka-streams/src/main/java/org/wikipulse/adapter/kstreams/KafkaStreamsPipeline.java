package org.wikipulse.adapter.kstreams;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineMetrics;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.RegistryUnavailableException;
import org.wikipulse.ports.RunningPipeline;

/** A started Kafka Streams application and its counters. */
final class KafkaStreamsPipeline implements RunningPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsPipeline.class);

  /**
   * How long a stop waits for the stream threads to commit and close: within the 30 s that
   * Kubernetes and systemd grant after SIGTERM, with room for the rest of the process's shutdown.
   */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

  private final KafkaStreams streams;
  private final StreamsTelemetry counters;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private final String inputTopic;

  KafkaStreamsPipeline(
      Topology topology, Properties props, StreamsTelemetry counters, String inputTopic) {
    this.counters = counters;
    this.inputTopic = inputTopic;
    // The thread producers report their commits, so that the counters count what is committed.
    this.streams =
        new KafkaStreams(
            topology, props, new CommitReportingClientSupplier(counters.uncommitted()));
    streams.setStateListener(
        (newState, oldState) -> {
          if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(this::onStreamThreadError);
  }

  /** Starts the stream threads and records their process id for the next start's fencing. */
  void start(InstanceIdentity identity) {
    streams.start();
    var threads = streams.metadataForLocalThreads();
    threads.stream()
        .findFirst()
        .ifPresent(thread -> identity.recordRun(thread.threadName(), threads.size()));
  }

  private StreamThreadExceptionResponse onStreamThreadError(Throwable error) {
    Throwable registryDown = causeOfType(error, RegistryUnavailableException.class);
    if (registryDown != null) {
      // Not a bad record: a new thread goes on from the last commit and tries again.
      LOG.warn(
          "Schema registry still unavailable ({}); replacing the stream thread",
          registryDown.getMessage());
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    LOG.error("Kafka Streams pipeline failed; stopping it", error);
    failure.compareAndSet(null, error);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  private static Throwable causeOfType(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  @Override
  public PipelineProgress progress() {
    return counters.snapshot();
  }

  @Override
  public PipelineMetrics metrics() {
    return counters.metrics(inputLag());
  }

  /**
   * The lag of each input partition as its consumer last measured it ({@code records-lag} of the
   * consumer's fetch metrics): unknown for a partition before its first fetch.
   */
  private Map<Integer, Long> inputLag() {
    Map<Integer, Long> lag = new HashMap<>();
    streams
        .metrics()
        .forEach(
            (name, metric) -> {
              if (name.name().equals("records-lag")
                  && name.group().equals("consumer-fetch-manager-metrics")
                  && inputTopic.equals(name.tags().get("topic"))
                  && name.tags().containsKey("partition")
                  && metric.metricValue() instanceof Double value
                  && !value.isNaN()) {
                lag.put(Integer.parseInt(name.tags().get("partition")), value.longValue());
              }
            });
    return lag;
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    boolean done = stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Throwable error = failure.get();
    if (error != null) {
      throw new PipelineFailedException("The Kafka Streams pipeline failed: " + error, error);
    }
    return done;
  }

  @Override
  public void close() {
    // Leaving the group hands the partitions over at once: a static member that just closes keeps
    // them until its session times out, which only a restart of the same instance wants.
    if (!streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true))) {
      LOG.warn("Kafka Streams did not stop within {}", CLOSE_TIMEOUT);
    }
    stopped.countDown();
  }
}
