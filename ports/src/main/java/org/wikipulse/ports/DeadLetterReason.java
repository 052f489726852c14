package org.wikipulse.ports;

/** Why a record went to the dead-letter topic. Both runtimes write these names. */
public enum DeadLetterReason {
  /** The value is null or has no bytes. */
  EMPTY_VALUE,
  /** The value is shorter than the 5-byte wire-format header. */
  TRUNCATED_HEADER,
  /** The first byte is not the wire format's magic byte 0. */
  BAD_MAGIC_BYTE,
  /** The registry has no schema with the header's id. */
  UNKNOWN_SCHEMA_ID,
  /** The writer schema cannot be resolved to the schema the job reads. */
  INCOMPATIBLE_SCHEMA,
  /** The Avro body is truncated or malformed for its writer schema. */
  UNDECODABLE_AVRO,
  /** The event has no event time. */
  MISSING_EVENT_TIME,
  /**
   * A decoded, counted event whose windows had all closed: the watermark dropped it. Written only
   * with {@link LateEvents#DEAD_LETTER}; {@link DeadLetterHeaders#EVENT_TIME} and {@link
   * DeadLetterHeaders#WATERMARK} say by how much it missed.
   */
  LATE
}
