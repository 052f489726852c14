package org.wikipulse.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open event-time window {@code [start, end)}.
 *
 * @param start the first instant inside the window
 * @param end the first instant after the window
 */
public record Window(Instant start, Instant end) implements Comparable<Window> {

  public Window {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "Window start " + start + " must be before its end " + end);
    }
  }

  /** Whether the instant lies in {@code [start, end)}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  @Override
  public int compareTo(Window other) {
    int byStart = start.compareTo(other.start);
    return byStart != 0 ? byStart : end.compareTo(other.end);
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
