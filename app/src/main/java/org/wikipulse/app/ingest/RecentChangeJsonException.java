package org.wikipulse.app.ingest;

/** A JSON line that is not a valid recentchange event; the message names the line. */
public final class RecentChangeJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final long lineNumber;

  RecentChangeJsonException(long lineNumber, String problem, Throwable cause) {
    super("Line " + lineNumber + ": " + problem, cause);
    this.lineNumber = lineNumber;
  }

  /** The 1-based number of the offending line. */
  public long lineNumber() {
    return lineNumber;
  }
}
