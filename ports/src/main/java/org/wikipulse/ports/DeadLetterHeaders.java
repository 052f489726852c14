package org.wikipulse.ports;

/**
 * The header names that both runtimes add to a dead-letter record, beside the original key, value
 * and headers.
 */
public final class DeadLetterHeaders {
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

  private DeadLetterHeaders() {}
}
