package org.wikipulse.adapter.registry.wire;

import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;

/** A writer schema that cannot be resolved to what the analysis reads: rejects every record. */
record IncompatibleWriter(DecodeResult.Rejected rejection) implements WriterDecoder {

  IncompatibleWriter(int writerSchemaId, String why) {
    this(
        new DecodeResult.Rejected(
            DeadLetterReason.INCOMPATIBLE_SCHEMA,
            "Writer schema id " + writerSchemaId + " cannot be resolved to RecentChange: " + why));
  }

  @Override
  public DecodeResult decode(byte[] value, int offset, int length) {
    return rejection;
  }
}
