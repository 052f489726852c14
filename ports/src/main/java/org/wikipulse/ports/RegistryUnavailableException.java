package org.wikipulse.ports;

/**
 * The schema registry could not be reached or answered with a server error. Retryable: a record
 * whose writer schema could not be fetched because of this is not a bad record.
 */
public class RegistryUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
