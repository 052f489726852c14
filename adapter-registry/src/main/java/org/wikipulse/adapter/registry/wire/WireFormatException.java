package org.wikipulse.adapter.registry.wire;

import java.util.Objects;
import org.wikipulse.ports.DeadLetterReason;

/** A record value that is not in the Confluent wire format; the reason says how. */
public final class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final DeadLetterReason reason;

  WireFormatException(DeadLetterReason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** EMPTY_VALUE, TRUNCATED_HEADER or BAD_MAGIC_BYTE. */
  public DeadLetterReason reason() {
    return reason;
  }
}
