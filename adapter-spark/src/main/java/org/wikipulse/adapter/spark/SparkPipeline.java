package org.wikipulse.adapter.spark;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineMetrics;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.RunningPipeline;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/** A running streaming query, its counters, its output and its session. */
final class SparkPipeline implements RunningPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SparkPipeline.class);
  private static final Duration TASKS_STOP_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Above the SparkContext's own shutdown hook, so that a JVM shutting down (SIGTERM to a process
   * that does not handle it, System.exit) stops the query before its context: in the other order
   * the query's stop fails with "Cannot call methods on a stopped SparkContext" and a context dump.
   */
  private static final int STOP_BEFORE_CONTEXT_PRIORITY =
      ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY() + 1;

  private final SparkSessionLease lease;
  private final StreamingQuery query;
  private final ProgressCounters counters;
  private final BatchOutput output;
  private final IdlenessTimer idleness;
  private final SparkTelemetry telemetry;
  private final Object shutdownHook;
  private boolean queryStopped;

  private SparkPipeline(
      SparkSessionLease lease,
      StreamingQuery query,
      ProgressCounters counters,
      BatchOutput output,
      IdlenessTimer idleness,
      SparkTelemetry telemetry) {
    this.telemetry = telemetry;
    this.lease = lease;
    this.query = query;
    this.counters = counters;
    this.output = output;
    this.idleness = idleness;
    this.shutdownHook =
        ShutdownHookManager.addShutdownHook(
            STOP_BEFORE_CONTEXT_PRIORITY,
            new AbstractFunction0<BoxedUnit>() {
              @Override
              public BoxedUnit apply() {
                stopQuery();
                return BoxedUnit.UNIT;
              }
            });
  }

  static SparkPipeline running(
      SparkSessionLease lease,
      StreamingQuery query,
      ProgressCounters counters,
      BatchOutput output,
      IdlenessTimer idleness,
      SparkTelemetry telemetry) {
    return new SparkPipeline(lease, query, counters, output, idleness, telemetry);
  }

  @Override
  public PipelineProgress progress() {
    return counters.snapshot();
  }

  @Override
  public PipelineMetrics metrics() {
    return telemetry.metrics();
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    try {
      return query.awaitTermination(timeout.toMillis());
    } catch (StreamingQueryException e) {
      throw new PipelineFailedException(
          "Spark query '" + query.name() + "' failed: " + e.message(), e);
    }
  }

  @Override
  public void close() {
    try {
      stopQuery();
      try {
        ShutdownHookManager.removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook has stopped the query or will find it stopped.
      }
    } finally {
      idleness.close();
      output.close();
      lease.session().streams().removeListener(telemetry);
      lease.close();
    }
  }

  /** Stops the query once, from close or from the shutdown hook, whichever comes first. */
  private synchronized void stopQuery() {
    if (queryStopped) {
      return;
    }
    queryStopped = true;
    try {
      query.stop();
      awaitNoRunningTasks();
      LOG.debug("Stopped Spark query '{}' after {}", query.name(), progress());
    } catch (TimeoutException e) {
      LOG.warn("Spark query '{}' did not stop in time: {}", query.name(), e.getMessage());
    }
  }

  /**
   * The stopped query's cancelled tasks report back after it returns; a context stopped before they
   * have logs "ERROR TaskSchedulerImpl: Exception in statusUpdate" (its result pool is gone), seen
   * once in a SIGTERM transcript. Bounded, since another pipeline may share the context.
   */
  private void awaitNoRunningTasks() {
    SparkStatusTracker tracker = lease.session().sparkContext().statusTracker();
    long deadline = System.nanoTime() + TASKS_STOP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      int running = 0;
      for (SparkExecutorInfo executor : tracker.getExecutorInfos()) {
        running += executor.numRunningTasks();
      }
      if (running == 0) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.debug("Tasks of Spark query '{}' still running when it stopped", query.name());
  }
}
