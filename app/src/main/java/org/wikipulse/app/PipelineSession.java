package org.wikipulse.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.wikipulse.app.config.Durations;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.http.OpsServer;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineObserver;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Runs the analysis on one runtime: starts it, follows the output topic, prints a status line every
 * status interval, and stops on Ctrl-C, after a set time, or after a set number of output rows,
 * closing the pipeline so that its state is kept for the next start.
 */
final class PipelineSession {
  private final WikipulseConfig config;
  private final AnalysisRuntime runtime;
  private final PrintWriter err;
  private final String stopHint;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicLong rows = new AtomicLong();
  private final Optional<OpsServer> ops;

  /**
   * @param stopHint what Ctrl-C does, told once the pipeline runs
   * @param ops the HTTP server that exports the pipeline's figures, if there is one
   */
  PipelineSession(
      WikipulseConfig config,
      AnalysisRuntime runtime,
      PrintWriter err,
      String stopHint,
      Optional<OpsServer> ops) {
    this.config = config;
    this.runtime = runtime;
    this.err = err;
    this.stopHint = stopHint;
    this.ops = ops;
  }

  /** Asks a running session to stop. */
  void stop() {
    stop.countDown();
  }

  /**
   * Runs until stopped.
   *
   * @param tailFromBeginning whether rows already in the output topic are handed on too
   * @param maxRows stop after this many output rows
   * @param maxDuration stop after this long, or null
   * @param listener hears every poll of the output topic, possibly empty
   * @return the exit code
   */
  int run(
      boolean tailFromBeginning,
      long maxRows,
      Duration maxDuration,
      Consumer<List<WindowCount>> listener,
      boolean printStatus)
      throws InterruptedException {
    SchemaRegistry registry = Registries.client(config);
    err.println(
        "wikipulse: starting the analysis on "
            + runtime.name()
            + ": "
            + config.topics().input()
            + " -> "
            + config.topics().output()
            + " (dead letters: "
            + config.topics().deadLetters()
            + "), windows "
            + Durations.format(config.windows().size())
            + " every "
            + Durations.format(config.windows().slide())
            + ", lateness "
            + Durations.format(config.windows().allowedLateness()));
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "wikipulse-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    long started = System.nanoTime();
    RunningPipeline pipeline = null;
    boolean pipelineClosed = false;
    try (StopSignals signals = StopSignals.install(stop::countDown);
        OutputTail tail =
            new OutputTail(
                config,
                registry,
                tailFromBeginning,
                batch -> {
                  listener.accept(batch);
                  ops.ifPresent(server -> server.rowsWritten(batch));
                  if (rows.addAndGet(batch.size()) >= maxRows) {
                    stop.countDown();
                  }
                });
        StatusLine status = new StatusLine(config)) {
      pipeline =
          runtime.start(
              config.pipelineSpec(),
              Registries.codecs(config),
              ops.map(OpsServer::observer).orElse(PipelineObserver.NONE));
      RunningPipeline running = pipeline;
      ops.ifPresent(server -> server.pipelineStarted(running));
      err.println("wikipulse: running; " + stopHint);
      while (true) {
        if (stop.await(config.statusInterval().toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
        if (pipeline.awaitTermination(Duration.ofMillis(1))) {
          err.println("wikipulse: the pipeline stopped by itself");
          break;
        }
        if (printStatus) {
          err.println(status.describe(pipeline.progress()));
        }
        if (maxDuration != null && System.nanoTime() - started >= maxDuration.toNanos()) {
          break;
        }
      }
      // Closed before the last line, so that it is the last thing printed and its counts are final.
      ops.ifPresent(OpsServer::stopping);
      pipelineClosed = true;
      pipeline.close();
      err.println("wikipulse: stopped; final " + status.describe(pipeline.progress()));
      return 0;
    } catch (PipelineFailedException e) {
      err.println("wikipulse: the pipeline failed: " + e.getMessage());
      return 1;
    } finally {
      if (!pipelineClosed) {
        ops.ifPresent(OpsServer::stopping);
        if (pipeline != null) {
          pipeline.close();
        }
      }
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook is waiting for us.
      }
      err.flush();
    }
  }

  /** Output rows seen so far. */
  long rows() {
    return rows.get();
  }
}
