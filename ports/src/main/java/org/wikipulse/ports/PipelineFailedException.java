package org.wikipulse.ports;

/** A pipeline stopped because of an error it could not recover from. */
public class PipelineFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PipelineFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
