package org.wikipulse.adapter.registry.client;

/**
 * The registry refused to register a schema because it breaks the subject's compatibility level
 * (HTTP 409).
 */
public class IncompatibleSchemaException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String subject;

  public IncompatibleSchemaException(String subject, String message, int errorCode) {
    super(message, 409, errorCode);
    this.subject = subject;
  }

  /** The subject the schema was refused under. */
  public String subject() {
    return subject;
  }
}
