package org.wikipulse.ports;

import java.util.Objects;
import org.wikipulse.domain.EditEvent;

/** What decoding one record value gave: an event, or a reason to dead-letter it. */
public sealed interface DecodeResult {

  /**
   * A decoded event.
   *
   * @param event the event
   * @param writerSchemaId the schema id in the record's header
   */
  record Decoded(EditEvent event, int writerSchemaId) implements DecodeResult {
    public Decoded {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * A record that cannot be processed.
   *
   * @param reason the class of error
   * @param message what exactly is wrong, for a person
   */
  record Rejected(DeadLetterReason reason, String message) implements DecodeResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
