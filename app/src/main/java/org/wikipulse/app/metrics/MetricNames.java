package org.wikipulse.app.metrics;

import java.util.List;

/**
 * The Prometheus names of every metric wikipulse exports itself (the JVM's come from Micrometer's
 * binders), as a scrape shows them. Every one carries the label {@code runtime}; the partition and
 * reason labels are named where they apply.
 */
public final class MetricNames {
  public static final String RECORDS_IN = "wikipulse_records_in_total";
  public static final String EVENTS_COUNTED = "wikipulse_events_counted_total";
  public static final String LATE_EVENTS_DROPPED = "wikipulse_late_events_dropped_total";

  /** Label {@code reason}: a {@code DeadLetterReason} name. */
  public static final String DEAD_LETTERS = "wikipulse_dead_letters_total";

  /** One per (window, actor) row written to the output topic. */
  public static final String WINDOW_ROWS_WRITTEN = "wikipulse_window_rows_written_total";

  /**
   * Label {@code actor}: the counts of the output rows read back, summed by actor; an edit counts
   * once in each window it belongs to, so ratios (the bot share) are what this is for.
   */
  public static final String WINDOW_EDITS = "wikipulse_window_edits_total";

  public static final String WATERMARK = "wikipulse_watermark_timestamp_seconds";

  /** Label {@code partition}. */
  public static final String PARTITION_EVENT_TIME = "wikipulse_partition_event_timestamp_seconds";

  /** Label {@code partition}. */
  public static final String PARTITION_LAG = "wikipulse_partition_lag_records";

  public static final String REGISTRY_LOOKUPS = "wikipulse_registry_schema_lookups_total";
  public static final String REGISTRY_CACHE_HITS = "wikipulse_registry_schema_cache_hits_total";
  public static final String REGISTRY_REQUESTS = "wikipulse_registry_http_requests_total";

  /** A histogram: {@code _bucket}, {@code _count}, {@code _sum}, and {@code _max}. */
  public static final String CLOSE_TO_OUTPUT = "wikipulse_close_to_output_seconds";

  /** A histogram, as above. */
  public static final String MICRO_BATCH_DURATION = "wikipulse_micro_batch_duration_seconds";

  /** Every name above. */
  public static final List<String> ALL =
      List.of(
          RECORDS_IN,
          EVENTS_COUNTED,
          LATE_EVENTS_DROPPED,
          DEAD_LETTERS,
          WINDOW_ROWS_WRITTEN,
          WINDOW_EDITS,
          WATERMARK,
          PARTITION_EVENT_TIME,
          PARTITION_LAG,
          REGISTRY_LOOKUPS,
          REGISTRY_CACHE_HITS,
          REGISTRY_REQUESTS,
          CLOSE_TO_OUTPUT,
          MICRO_BATCH_DURATION);

  private MetricNames() {}
}
