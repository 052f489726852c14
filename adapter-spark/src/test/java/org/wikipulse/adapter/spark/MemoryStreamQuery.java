package org.wikipulse.adapter.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import scala.collection.JavaConverters;

/**
 * A streaming query over Kafka-shaped rows fed by hand, batch by batch, into a {@code foreachBatch}
 * function. The one place that touches Spark's internal {@link MemoryStream} (a Scala API: its
 * implicit {@code SQLContext} and {@code Encoder} become trailing parameters from Java). Each feed
 * is one micro-batch and one Spark partition, in the order given.
 */
final class MemoryStreamQuery implements AutoCloseable {
  private final MemoryStream<Row> input;
  private final SparkSession session;
  private StreamingQuery query;

  /**
   * @param session the session to run in
   * @param eachBatch what runs on each micro-batch of Kafka source rows
   * @param checkpoint where the query keeps its offsets and commits, so that it can be restarted;
   *     null for a temporary one that Spark deletes
   */
  MemoryStreamQuery(
      SparkSession session, VoidFunction2<Dataset<Row>, Long> eachBatch, Path checkpoint) {
    this.session = session;
    Encoder<Row> encoder = Encoders.row(KafkaColumns.SOURCE);
    this.input = MemoryStream.apply(encoder, session.sqlContext());
    start(eachBatch, checkpoint);
  }

  /** Starts (or, after {@link #stop()}, restarts) the query on the same input and checkpoint. */
  void start(VoidFunction2<Dataset<Row>, Long> eachBatch, Path checkpoint) {
    try {
      DataStreamWriter<Row> writer = input.toDF().writeStream().foreachBatch(eachBatch);
      if (checkpoint != null) {
        writer = writer.option("checkpointLocation", checkpoint.toString());
      }
      this.query = writer.start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("The memory-stream query did not start", e);
    }
  }

  /**
   * Adds one micro-batch (an empty one too: it still runs, as a Kafka batch would once the clock
   * has moved) and waits until it is processed.
   */
  void feed(List<KafkaRecord> batch) {
    List<Row> rows = batch.stream().map(KafkaRecord::toRow).toList();
    input.addData(JavaConverters.asScalaBuffer(rows));
    query.processAllAvailable();
  }

  StreamingQuery query() {
    return query;
  }

  SparkSession session() {
    return session;
  }

  void stop() {
    try {
      query.stop();
    } catch (TimeoutException e) {
      throw new IllegalStateException("The memory-stream query did not stop", e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
