package org.wikipulse.adapter.spark;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineMetrics;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.RunningPipeline;

/** A running streaming query, its counters and its session. */
final class SparkPipeline implements RunningPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SparkPipeline.class);

  private final SparkSessionLease lease;
  private final StreamingQuery query;
  private final ProgressListener listener;
  private final SparkTelemetry telemetry;

  private SparkPipeline(
      SparkSessionLease lease,
      StreamingQuery query,
      ProgressListener listener,
      SparkTelemetry telemetry) {
    this.lease = lease;
    this.query = query;
    this.listener = listener;
    this.telemetry = telemetry;
  }

  /**
   * Listens before the query starts, so that no batch's progress is missed; the lease's session is
   * the pipeline's own, so every event it hears is this query's.
   */
  static ProgressListener listenTo(SparkSessionLease lease) {
    ProgressListener listener = new ProgressListener();
    lease.session().streams().addListener(listener);
    return listener;
  }

  static SparkPipeline running(
      SparkSessionLease lease,
      StreamingQuery query,
      ProgressListener listener,
      SparkTelemetry telemetry) {
    return new SparkPipeline(lease, query, listener, telemetry);
  }

  @Override
  public PipelineProgress progress() {
    return listener.counters.snapshot();
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
      query.stop();
      LOG.info("Stopped Spark query '{}' after {}", query.name(), progress());
    } catch (TimeoutException e) {
      LOG.warn("Spark query '{}' did not stop in time: {}", query.name(), e.getMessage());
    } finally {
      lease.session().streams().removeListener(listener);
      lease.session().streams().removeListener(telemetry);
      lease.close();
    }
  }

  /** Sums the progress of the query in the listened-to session. */
  static final class ProgressListener extends StreamingQueryListener {
    private final ProgressCounters counters = new ProgressCounters();

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      counters.add(event.progress());
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}
  }
}
