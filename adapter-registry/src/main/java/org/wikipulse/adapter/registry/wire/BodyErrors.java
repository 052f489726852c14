package org.wikipulse.adapter.registry.wire;

import java.io.EOFException;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;

/** The rejections of a record whose Avro body is wrong, worded the same by every decoder. */
final class BodyErrors {
  private BodyErrors() {}

  static DecodeResult.Rejected undecodable(int writerSchemaId, Exception cause) {
    String what =
        cause instanceof EOFException
            ? "the body ends before the record does"
            : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new DecodeResult.Rejected(
        DeadLetterReason.UNDECODABLE_AVRO,
        "Malformed Avro body for writer schema id " + writerSchemaId + ": " + what);
  }

  static DecodeResult.Rejected trailingBytes(int writerSchemaId) {
    return new DecodeResult.Rejected(
        DeadLetterReason.UNDECODABLE_AVRO,
        "Malformed Avro body for writer schema id "
            + writerSchemaId
            + ": bytes left over after the record");
  }

  static DecodeResult.Rejected missingEventTime(int writerSchemaId) {
    return new DecodeResult.Rejected(
        DeadLetterReason.MISSING_EVENT_TIME,
        "The event (writer schema id " + writerSchemaId + ") has no timestamp");
  }
}
