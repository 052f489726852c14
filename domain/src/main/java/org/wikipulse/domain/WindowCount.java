package org.wikipulse.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The final count of one actor's counted events in one window: one output row.
 *
 * @param windowStart the window's first instant
 * @param windowEnd the first instant after the window
 * @param actor who made the edits
 * @param count how many counted events of that actor fall in the window
 */
public record WindowCount(Instant windowStart, Instant windowEnd, Actor actor, long count) {

  /** Output order: by window, then by actor. */
  public static final Comparator<WindowCount> ORDER =
      Comparator.comparing(WindowCount::windowStart)
          .thenComparing(WindowCount::windowEnd)
          .thenComparing(WindowCount::actor);

  public WindowCount {
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(actor, "actor");
    if (count <= 0) {
      throw new IllegalArgumentException("A window count is positive, was " + count);
    }
  }

  public WindowCount(Window window, Actor actor, long count) {
    this(window.start(), window.end(), actor, count);
  }

  public Window window() {
    return new Window(windowStart, windowEnd);
  }
}
