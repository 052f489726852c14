package org.wikipulse.adapter.spark;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * The SQL settings {@link EditCountQuery} relies on, set on a pipeline's own session and checked by
 * the transform, so that a session without them fails loudly instead of answering differently.
 */
final class QuerySessionConf {
  /** {@code date_format} in the output key formats in the session time zone. */
  static final String TIME_ZONE = "spark.sql.session.timeZone";

  /**
   * With this on (Spark's default), a stateful operator judges late events by the watermark of the
   * previous micro-batch while evicting by the current one, so a window closed by this batch's
   * watermark still takes late events arriving in this batch. With one stateful operator, off makes
   * both use the current watermark: the reference's rule at micro-batch granularity.
   */
  static final String ALLOW_MULTIPLE_STATEFUL_OPERATORS =
      "spark.sql.streaming.statefulOperator.allowMultiple";

  private QuerySessionConf() {}

  static void apply(SparkSession session) {
    session.conf().set(TIME_ZONE, "UTC");
    session.conf().set(ALLOW_MULTIPLE_STATEFUL_OPERATORS, "false");
  }

  static void require(SparkSession session) {
    RuntimeConfig conf = session.conf();
    ZoneId zone = ZoneId.of(conf.get(TIME_ZONE));
    if (!zone.getRules().isFixedOffset()
        || !zone.getRules().getOffset(Instant.EPOCH).equals(ZoneOffset.UTC)) {
      throw new IllegalStateException(
          "The Spark session time zone must be UTC for the output keys, was " + zone);
    }
    if (!"false".equals(conf.get(ALLOW_MULTIPLE_STATEFUL_OPERATORS))) {
      throw new IllegalStateException(
          ALLOW_MULTIPLE_STATEFUL_OPERATORS
              + " must be false, so that late events are judged by the current watermark");
    }
  }
}
