package org.wikipulse.adapter.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.OutputSchema;
import org.wikipulse.ports.WireCodecs;

/**
 * The analysis as a pure function from Kafka source rows to Kafka sink rows, apart from any reading
 * or writing, so that tests can drive it from a memory stream.
 *
 * <p>One pass over the input: each record is decoded once ({@link DecodeEvents}, which also
 * combines events of equal event time and actor); records that do not decode go to the dead-letter
 * sink from inside the task that read them; the watermark is set on all decoded events (so that
 * non-edits and canaries advance event time), and the counted ones are summed per sliding window
 * and actor in append mode. A branch of the plan for the dead letters would scan and decode the
 * whole input a second time in every micro-batch, since a streaming plan cannot share one decoded
 * subplan between two outputs.
 */
final class EditCountQuery {
  /** Observed metrics of the decoding step: decoded events, counted ones, dead letters. */
  static final String DECODED_METRICS = "wikipulse_decoded";

  static final String DECODED_EVENTS = "events";
  static final String COUNTABLE_EVENTS = "countable";
  static final String DEAD_LETTERS = "deadLetters";

  private static final String WINDOW = "window";
  private static final String COUNT = "count";

  /**
   * @param windows window size, slide and allowed lateness
   * @param outputSchema the registered {@code EditCount} schema the values are written under
   * @param outputTopic where counts go
   * @param deadLetters where records that cannot be processed go
   */
  record Settings(
      WindowSpec windows,
      OutputSchema outputSchema,
      String outputTopic,
      DeadLetterSink deadLetters) {}

  private EditCountQuery() {}

  /**
   * @param kafkaRecords rows with at least the columns of {@link KafkaColumns#SOURCE}, in a session
   *     with the {@link QuerySessionConf}
   * @return rows of {@link KafkaColumns#SINK}, all to the output topic
   */
  static Dataset<Row> transform(Dataset<Row> kafkaRecords, WireCodecs codecs, Settings settings) {
    QuerySessionConf.require(kafkaRecords.sparkSession());
    WindowSpec windows = settings.windows();
    Column deadLettered = col(EventColumns.DEAD_LETTERED);
    Dataset<Row> events =
        kafkaRecords
            .select(
                col(KafkaColumns.KEY),
                col(KafkaColumns.VALUE),
                col(KafkaColumns.TOPIC),
                col(KafkaColumns.PARTITION),
                col(KafkaColumns.OFFSET),
                col(KafkaColumns.HEADERS))
            .mapPartitions(
                new DecodeEvents(codecs, settings.deadLetters()), Encoders.row(EventColumns.SCHEMA))
            .observe(
                DECODED_METRICS,
                total(not(deadLettered)).as(DECODED_EVENTS),
                total(col(EventColumns.COUNTED)).as(COUNTABLE_EVENTS),
                total(deadLettered).as(DEAD_LETTERS))
            .filter(not(deadLettered));
    Dataset<Row> windowCounts =
        events
            .withWatermark(EventColumns.EVENT_TIME, millis(windows.allowedLateness().toMillis()))
            .filter(EventColumns.countedAfterWatermark())
            .groupBy(windowsOf(col(EventColumns.EVENT_TIME), windows), col(EventColumns.ACTOR))
            .agg(sum(EventColumns.EVENTS).as(COUNT));
    Column window = col(WINDOW);
    Column actor = col(EventColumns.ACTOR);
    return windowCounts.select(
        OutputColumns.key(window.getField("start"), actor).as(KafkaColumns.KEY),
        OutputColumns.value(settings.outputSchema(), window, actor, col(COUNT))
            .as(KafkaColumns.VALUE),
        lit(settings.outputTopic()).as(KafkaColumns.TOPIC),
        array().cast(KafkaColumns.HEADERS_TYPE).as(KafkaColumns.HEADERS));
  }

  /** How many records the rows that meet the condition stand for; 0 in a batch without any. */
  private static Column total(Column condition) {
    return coalesce(sum(when(condition, col(EventColumns.EVENTS))), lit(0L));
  }

  /**
   * The windows of {@code spec} that contain each event time: Spark's epoch-aligned, half-open
   * sliding windows, one row per window.
   */
  static Column windowsOf(Column eventTime, WindowSpec spec) {
    return window(eventTime, millis(spec.size().toMillis()), millis(spec.slide().toMillis()));
  }

  private static String millis(long ms) {
    return ms + " milliseconds";
  }
}
