package org.wikipulse.adapter.spark;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.wikipulse.ports.PipelineProgress;
import scala.collection.JavaConverters;

/**
 * A streaming query over Kafka-shaped rows fed by hand, batch by batch, into a memory sink. The one
 * place that touches Spark's internal {@link MemoryStream} (a Scala API: its implicit {@code
 * SQLContext} and {@code Encoder} become trailing parameters from Java).
 */
final class MemoryStreamQuery implements AutoCloseable {
  private final SparkSession session;
  private final MemoryStream<Row> input;
  private final StreamingQuery query;
  private final String sinkTable;

  /**
   * @param session the session to run in; its time zone must be UTC
   * @param transform what to run on the input: Kafka source rows in, Kafka sink rows out
   */
  MemoryStreamQuery(SparkSession session, UnaryOperator<Dataset<Row>> transform) {
    this.session = session;
    Encoder<Row> encoder = Encoders.row(KafkaColumns.SOURCE);
    this.input = MemoryStream.apply(encoder, session.sqlContext());
    this.sinkTable = "sink_" + UUID.randomUUID().toString().replace("-", "");
    try {
      this.query =
          transform
              .apply(input.toDF())
              .writeStream()
              .format("memory")
              .queryName(sinkTable)
              .outputMode(OutputMode.Append())
              .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("The memory-stream query did not start", e);
    }
  }

  /**
   * Adds one micro-batch and waits until it and any batch it triggers (such as a no-data batch that
   * moves the watermark) are processed.
   */
  void feed(List<KafkaRecord> batch) {
    List<Row> rows = batch.stream().map(KafkaRecord::toRow).toList();
    input.addData(JavaConverters.asScalaBuffer(rows));
    query.processAllAvailable();
  }

  /** Every row the sink has received so far. */
  List<Row> sinkRows() {
    return session.table(sinkTable).collectAsList();
  }

  /**
   * The pipeline counters over the batches so far, from the query's recent progress (Spark keeps
   * the last 100 batches: enough for these tests), read synchronously unlike a listener's.
   */
  PipelineProgress progress() {
    ProgressCounters counters = new ProgressCounters();
    for (StreamingQueryProgress batch : query.recentProgress()) {
      counters.add(batch);
    }
    return counters.snapshot();
  }

  StreamingQuery query() {
    return query;
  }

  @Override
  public void close() {
    try {
      query.stop();
    } catch (TimeoutException e) {
      throw new IllegalStateException("The memory-stream query did not stop", e);
    }
  }
}
