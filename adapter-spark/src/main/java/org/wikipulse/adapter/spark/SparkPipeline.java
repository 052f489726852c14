package org.wikipulse.adapter.spark;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineMetrics;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.RunningPipeline;

/** A running streaming query, its counters, its output and its session. */
final class SparkPipeline implements RunningPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SparkPipeline.class);

  private final SparkSessionLease lease;
  private final StreamingQuery query;
  private final ProgressCounters counters;
  private final BatchOutput output;
  private final IdlenessTimer idleness;
  private final SparkTelemetry telemetry;

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
      query.stop();
      LOG.info("Stopped Spark query '{}' after {}", query.name(), progress());
    } catch (TimeoutException e) {
      LOG.warn("Spark query '{}' did not stop in time: {}", query.name(), e.getMessage());
    } finally {
      idleness.close();
      output.close();
      lease.session().streams().removeListener(telemetry);
      lease.close();
    }
  }
}
