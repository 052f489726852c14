package org.wikipulse.localstack;

/**
 * A broker or registry did not come up. The message names the process, the reason and, when the
 * process got as far as writing a log, its last lines, so that the caller can print it as is.
 */
public final class LocalStackStartException extends RuntimeException {

  LocalStackStartException(String message) {
    super(message);
  }

  LocalStackStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
