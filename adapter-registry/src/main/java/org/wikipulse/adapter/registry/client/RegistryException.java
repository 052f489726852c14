package org.wikipulse.adapter.registry.client;

/**
 * The registry answered a request with a client error (4xx). Not retryable: the same request gets
 * the same answer. Subclasses name the subject or version concerned.
 */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  /**
   * @param message what went wrong, naming the subject, id or URL concerned
   * @param httpStatus the HTTP status of the answer
   * @param errorCode the registry's {@code error_code}, or the HTTP status when it gave none
   */
  public RegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status of the registry's answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code} (such as 40401), or the HTTP status when it gave none. */
  public int errorCode() {
    return errorCode;
  }
}
