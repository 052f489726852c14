package org.wikipulse.adapter.registry.wire;

/** An Avro body that does not follow its writer schema's binary encoding. */
final class MalformedAvroException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedAvroException(String message) {
    super(message, null, false, false);
  }
}
