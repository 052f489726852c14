package org.wikipulse.app.ingest;

/** An event stream that cannot be read: refused, or failing again and again. */
public final class SseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SseException(String message) {
    super(message);
  }
}
