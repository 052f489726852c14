package org.wikipulse.adapter.registry.client;

/** The registry has no subject of this name, or no version under it (error code 40401). */
public class SubjectNotFoundException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String subject;

  public SubjectNotFoundException(String subject, String message, int errorCode) {
    super(message, 404, errorCode);
    this.subject = subject;
  }

  /** The subject that was not found. */
  public String subject() {
    return subject;
  }
}
