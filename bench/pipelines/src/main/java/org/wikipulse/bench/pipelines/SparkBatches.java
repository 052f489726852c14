package org.wikipulse.bench.pipelines;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * Reports each micro-batch's start (epoch ms) and duration as {@code @@BATCH <start> <ms>} on
 * stdout. Listens on the context's bus, which carries the progress events of every session's
 * queries, so it also sees a query started on a session the runtime keeps to itself.
 */
final class SparkBatches {
  static final String PREFIX = "@@BATCH ";

  private SparkBatches() {}

  static void report() {
    scala.Option<SparkSession> session = SparkSession.getDefaultSession();
    if (session.isEmpty()) {
      throw new IllegalStateException("No Spark session is running");
    }
    SparkContext context = session.get().sparkContext();
    context.addSparkListener(
        new SparkListener() {
          @Override
          public void onOtherEvent(SparkListenerEvent event) {
            if (event instanceof StreamingQueryListener.QueryProgressEvent progress) {
              // Where the batch's time went (planning, offsets, addBatch, commits), for the log.
              System.out.println(
                  "spark batch "
                      + progress.progress().batchId()
                      + " rows "
                      + progress.progress().numInputRows()
                      + " durations "
                      + progress.progress().durationMs());
              System.out.println(
                  PREFIX
                      + java.time.Instant.parse(progress.progress().timestamp()).toEpochMilli()
                      + " "
                      + progress.progress().batchDuration());
            }
          }
        });
  }
}
