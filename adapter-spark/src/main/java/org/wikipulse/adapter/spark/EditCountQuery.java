package org.wikipulse.adapter.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
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
 * <p>Two branches of one plan, unioned: the counting branch decodes every record, sets the
 * watermark on all decoded events (so that non-edits and canaries advance event time), keeps the
 * counted ones and counts them per sliding window and actor in append mode; the dead-letter branch
 * decodes every record too and keeps those that fail, with their reason. Each branch decodes the
 * whole input because a streaming plan cannot fork one decoded stream without computing it twice
 * anyway; one query keeps both outputs under one checkpoint, so a dead letter is written with the
 * micro-batch that read it.
 */
final class EditCountQuery {
  /** Observed metrics of the counting branch: decoded events and how many are counted. */
  static final String DECODED_METRICS = "wikipulse_decoded";

  static final String DECODED_EVENTS = "events";
  static final String COUNTABLE_EVENTS = "countable";

  /** Observed metrics of the dead-letter branch. */
  static final String DEAD_LETTER_METRICS = "wikipulse_dead_letters";

  static final String DEAD_LETTERS = "deadLetters";

  private static final String WINDOW = "window";
  private static final String COUNT = "count";

  /**
   * @param windows window size, slide and allowed lateness
   * @param outputSchema the registered {@code EditCount} schema the values are written under
   * @param outputTopic where counts go
   * @param deadLetterTopic where records that cannot be processed go
   */
  record Settings(
      WindowSpec windows, OutputSchema outputSchema, String outputTopic, String deadLetterTopic) {}

  private EditCountQuery() {}

  /**
   * @param kafkaRecords rows with at least the columns of {@link KafkaColumns#SOURCE}, in a session
   *     with the {@link QuerySessionConf}
   * @return rows of {@link KafkaColumns#SINK}: counts to the output topic, dead letters to theirs
   */
  static Dataset<Row> transform(Dataset<Row> kafkaRecords, WireCodecs codecs, Settings settings) {
    QuerySessionConf.require(kafkaRecords.sparkSession());
    return counts(kafkaRecords, codecs, settings)
        .union(deadLetters(kafkaRecords, codecs, settings));
  }

  static Dataset<Row> counts(Dataset<Row> kafkaRecords, WireCodecs codecs, Settings settings) {
    WindowSpec windows = settings.windows();
    Dataset<Row> events =
        kafkaRecords
            .select(KafkaColumns.VALUE)
            .mapPartitions(new DecodeEvents(codecs), Encoders.row(EventColumns.SCHEMA))
            .observe(
                DECODED_METRICS,
                count(lit(1)).as(DECODED_EVENTS),
                count(when(col(EventColumns.COUNTED), true)).as(COUNTABLE_EVENTS));
    Dataset<Row> windowCounts =
        events
            .withWatermark(EventColumns.EVENT_TIME, millis(windows.allowedLateness().toMillis()))
            .filter(EventColumns.countedAfterWatermark())
            .groupBy(windowsOf(col(EventColumns.EVENT_TIME), windows), col(EventColumns.ACTOR))
            .count();
    Column window = col(WINDOW);
    Column actor = col(EventColumns.ACTOR);
    return windowCounts.select(
        OutputColumns.key(window.getField("start"), actor).as(KafkaColumns.KEY),
        OutputColumns.value(settings.outputSchema(), window, actor, col(COUNT))
            .as(KafkaColumns.VALUE),
        lit(settings.outputTopic()).as(KafkaColumns.TOPIC),
        array().cast(KafkaColumns.HEADERS_TYPE).as(KafkaColumns.HEADERS));
  }

  static Dataset<Row> deadLetters(Dataset<Row> kafkaRecords, WireCodecs codecs, Settings settings) {
    return kafkaRecords
        .select(
            col(KafkaColumns.KEY),
            col(KafkaColumns.VALUE),
            col(KafkaColumns.TOPIC),
            col(KafkaColumns.PARTITION),
            col(KafkaColumns.OFFSET),
            col(KafkaColumns.HEADERS))
        .mapPartitions(
            new DeadLetters(codecs, settings.deadLetterTopic()), Encoders.row(KafkaColumns.SINK))
        .observe(DEAD_LETTER_METRICS, count(lit(1)).as(DEAD_LETTERS));
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
