package org.wikipulse.app.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.kafka.KafkaCheck;
import org.wikipulse.app.kafka.ServiceUnavailableException;
import org.wikipulse.app.registry.RegistryCheck;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.RunningPipeline;

/**
 * Whether the pipeline can do its job now: it is running, and the broker and the registry answer.
 * Checked on a background thread every {@link #EVERY}, each check bounded by the connect timeout,
 * so that a probe only reads the last verdict and never waits on the network.
 */
final class Readiness implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(2);

  /** The last verdict: each check's finding, and whether all passed. */
  record Verdict(boolean ready, boolean failed, Map<String, String> checks) {
    static final Verdict STARTING =
        new Verdict(false, false, Map.of("pipeline", "not started yet"));
  }

  private final WikipulseConfig config;
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "wikipulse-readiness");
            thread.setDaemon(true);
            return thread;
          });
  private volatile RunningPipeline pipeline;
  private volatile boolean stopping;
  private volatile Verdict verdict = Verdict.STARTING;

  Readiness(WikipulseConfig config) {
    this.config = config;
  }

  void pipelineStarted(RunningPipeline started) {
    pipeline = started;
    checker.scheduleWithFixedDelay(this::check, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** From now on not ready: the session is stopping the pipeline. */
  void stopping() {
    stopping = true;
    verdict = new Verdict(false, verdict.failed(), Map.of("pipeline", "stopping"));
  }

  Verdict verdict() {
    return verdict;
  }

  private void check() {
    Map<String, String> checks = new LinkedHashMap<>();
    boolean failed = false;
    String pipelineState;
    try {
      pipelineState = pipeline.awaitTermination(Duration.ofMillis(1)) ? "stopped" : "running";
    } catch (PipelineFailedException e) {
      pipelineState = "failed: " + e.getMessage();
      failed = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    checks.put("pipeline", pipelineState);
    checks.put("kafka", outcome(() -> KafkaCheck.check(config)));
    checks.put(
        "registry",
        outcome(() -> RegistryCheck.check(config.registrySettings(), config.connectTimeout())));
    boolean ready =
        !stopping
            && checks.get("pipeline").equals("running")
            && checks.get("kafka").equals("reachable")
            && checks.get("registry").equals("reachable");
    if (!stopping) {
      verdict = new Verdict(ready, failed, checks);
    }
  }

  private static String outcome(Runnable check) {
    try {
      check.run();
      return "reachable";
    } catch (ServiceUnavailableException e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      return "check failed: " + e.getMessage();
    }
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
