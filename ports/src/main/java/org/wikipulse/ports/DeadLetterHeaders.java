package org.wikipulse.ports;

/**
 * The header names that both runtimes add to a dead-letter record, beside the original key, value
 * and headers.
 */
public final class DeadLetterHeaders {
  /** What every header name wikipulse adds starts with; the original record's headers do not. */
  public static final String PREFIX = "wikipulse.";

  /** The {@link DeadLetterReason} name. */
  public static final String ERROR_CLASS = "wikipulse.error.class";

  /** What exactly is wrong, for a person. */
  public static final String ERROR_MESSAGE = "wikipulse.error.message";

  /** The topic the record was read from. */
  public static final String SOURCE_TOPIC = "wikipulse.source.topic";

  /** The partition it was read from, in decimal. */
  public static final String SOURCE_PARTITION = "wikipulse.source.partition";

  /** Its offset there, in decimal. */
  public static final String SOURCE_OFFSET = "wikipulse.source.offset";

  /**
   * A {@link DeadLetterReason#LATE} record's event time, as an ISO-8601 instant such as {@code
   * 2026-12-01T20:30:00Z}.
   */
  public static final String EVENT_TIME = "wikipulse.late.event-time";

  /**
   * The pipeline watermark that a {@link DeadLetterReason#LATE} record missed (every window of the
   * event ends at or before it), as an ISO-8601 instant.
   */
  public static final String WATERMARK = "wikipulse.late.watermark";

  /**
   * Present only on a dead letter too large for the dead-letter topic: what it leaves out of the
   * original record (its value, then its key, then its original headers) and why; the record itself
   * is in the input at its source offset.
   */
  public static final String OMITTED = "wikipulse.omitted";

  private DeadLetterHeaders() {}
}
