package org.wikipulse.adapter.registry.wire;

import org.wikipulse.ports.DecodeResult;

/** Decodes Avro bodies written under one writer schema. Not thread-safe. */
public interface WriterDecoder {

  /** Decodes the body at {@code value[offset, offset + length)}. */
  DecodeResult decode(byte[] value, int offset, int length);
}
