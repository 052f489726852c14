package org.wikipulse.contract;

import java.util.Map;
import org.wikipulse.ports.DeadLetterReason;

/**
 * A dead-letter record as a harness read it back.
 *
 * @param reason the error class header
 * @param message the error message header
 * @param value the original value bytes
 * @param headers every header by name, the last value of each as text
 */
public record ContractDeadLetter(
    DeadLetterReason reason, String message, byte[] value, Map<String, String> headers) {

  public ContractDeadLetter {
    headers = Map.copyOf(headers);
  }

  /** A dead letter read back without its other headers. */
  public ContractDeadLetter(DeadLetterReason reason, String message, byte[] value) {
    this(reason, message, value, Map.of());
  }
}
