package org.wikipulse.app.kafka;

/**
 * The broker or the registry cannot be used. Expected at start when something is not running, so
 * its message is one line for a person that names the address; no stack trace is shown.
 */
public final class ServiceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(String message) {
    super(message);
  }
}
