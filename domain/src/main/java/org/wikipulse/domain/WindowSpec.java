package org.wikipulse.domain;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sliding event-time windows aligned to the Unix epoch, and how late an event may be.
 *
 * @param size how long each window is
 * @param slide how far apart window starts are
 * @param allowedLateness how far behind the maximum event time seen an event may be and still count
 */
public record WindowSpec(Duration size, Duration slide, Duration allowedLateness)
    implements Serializable {

  /** The original job's windows: 60 s long, sliding every 30 s, late data accepted up to 60 s. */
  public static final WindowSpec DEFAULT =
      new WindowSpec(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(60));

  public WindowSpec {
    requirePositive("size", size);
    requirePositive("slide", slide);
    if (allowedLateness == null || allowedLateness.isNegative()) {
      throw new IllegalArgumentException(
          "Window allowed lateness must be zero or positive, was " + allowedLateness);
    }
    if (slide.compareTo(size) > 0) {
      throw new IllegalArgumentException(
          "Window slide " + slide + " must not be larger than the window size " + size);
    }
    if (size.toMillis() % slide.toMillis() != 0) {
      throw new IllegalArgumentException(
          "Window size " + size + " must be a whole multiple of the slide " + slide);
    }
    if (size.toMillis() * 1_000_000L != size.toNanos()
        || slide.toMillis() * 1_000_000L != slide.toNanos()) {
      throw new IllegalArgumentException(
          "Window size and slide must be whole milliseconds, were " + size + " and " + slide);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("Window " + name + " must be positive, was " + value);
    }
  }

  /** How many windows contain each instant. */
  public int windowsPerEvent() {
    return (int) (size.toMillis() / slide.toMillis());
  }

  /** The windows that contain the instant, oldest first. */
  public List<Window> windowsFor(Instant instant) {
    long sizeMs = size.toMillis();
    long slideMs = slide.toMillis();
    long t = instant.toEpochMilli();
    long lastStart = newestWindowStartMs(t);
    List<Window> windows = new ArrayList<>(windowsPerEvent());
    for (long start = oldestWindowStartMs(t); start <= lastStart; start += slideMs) {
      windows.add(new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + sizeMs)));
    }
    return windows;
  }

  /** The start of the newest window that contains the instant {@code eventMs}, in milliseconds. */
  public long newestWindowStartMs(long eventMs) {
    long slideMs = slide.toMillis();
    return Math.floorDiv(eventMs, slideMs) * slideMs;
  }

  /** The start of the oldest window that contains the instant {@code eventMs}, in milliseconds. */
  public long oldestWindowStartMs(long eventMs) {
    return newestWindowStartMs(eventMs) - size.toMillis() + slide.toMillis();
  }

  /** The window that starts at the given instant. */
  public Window windowStartingAt(Instant start) {
    return new Window(start, start.plus(size));
  }
}
