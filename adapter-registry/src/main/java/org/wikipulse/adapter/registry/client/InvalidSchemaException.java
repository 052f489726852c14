package org.wikipulse.adapter.registry.client;

/**
 * A schema is not valid Avro: refused by the registry (HTTP 422) or by the client before sending,
 * in which case {@link #httpStatus()} is 0.
 */
public class InvalidSchemaException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String subject;

  public InvalidSchemaException(String subject, String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
    this.subject = subject;
  }

  /** The subject the schema was meant for. */
  public String subject() {
    return subject;
  }
}
