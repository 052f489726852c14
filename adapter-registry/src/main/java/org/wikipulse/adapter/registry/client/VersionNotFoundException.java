package org.wikipulse.adapter.registry.client;

/** The subject exists but has no such version (error code 40402). */
public class VersionNotFoundException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String version;

  public VersionNotFoundException(String subject, String version, String message) {
    super(message, 404, 40402);
    this.subject = subject;
    this.version = version;
  }

  /** The subject that was asked for. */
  public String subject() {
    return subject;
  }

  /** The version that was not found, such as {@code 7} or {@code latest}. */
  public String version() {
    return version;
  }
}
