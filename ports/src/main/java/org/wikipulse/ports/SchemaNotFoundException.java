package org.wikipulse.ports;

/**
 * The registry has no schema with the requested id. Not retryable: a record whose header names an
 * unknown id is a bad record.
 */
public class SchemaNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaNotFoundException(String message) {
    super(message);
  }
}
