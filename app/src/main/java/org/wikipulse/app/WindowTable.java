package org.wikipulse.app;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.Window;
import org.wikipulse.domain.WindowCount;

/**
 * The demo's live table: one line per finished window with its Bot, Human and Unknown counts and
 * the bot share. A window's rows may come from several output partitions, so a line is printed once
 * the window has had no new row for a short quiet period.
 */
final class WindowTable {
  static final String HEADER =
      String.format(
          "%-30s %8s %8s %8s %10s", "window (UTC)", "Bot", "Human", "Unknown", "bot share");

  private final PrintWriter out;
  private final long quietNanos;
  private final Map<Window, EnumMap<Actor, Long>> pending = new TreeMap<>();
  private final Map<Window, Long> lastRowAt = new TreeMap<>();
  private int printed;

  WindowTable(PrintWriter out, long quietMillis) {
    this.out = out;
    this.quietNanos = quietMillis * 1_000_000;
  }

  /** Takes rows as they arrive and prints the windows that have gone quiet. */
  synchronized void accept(List<WindowCount> rows, long nowNanos) {
    for (WindowCount row : rows) {
      pending
          .computeIfAbsent(row.window(), w -> new EnumMap<>(Actor.class))
          .merge(row.actor(), row.count(), Long::sum);
      lastRowAt.put(row.window(), nowNanos);
    }
    var iterator = pending.entrySet().iterator();
    while (iterator.hasNext()) {
      var entry = iterator.next();
      if (nowNanos - lastRowAt.get(entry.getKey()) >= quietNanos) {
        if (printed == 0) {
          out.println(HEADER);
        }
        out.println(line(entry.getKey(), entry.getValue()));
        out.flush();
        printed++;
        lastRowAt.remove(entry.getKey());
        iterator.remove();
      }
    }
  }

  /** How many window lines were printed. */
  synchronized int printed() {
    return printed;
  }

  static String line(Window window, Map<Actor, Long> counts) {
    long bot = counts.getOrDefault(Actor.BOT, 0L);
    long human = counts.getOrDefault(Actor.HUMAN, 0L);
    long unknown = counts.getOrDefault(Actor.UNKNOWN, 0L);
    long total = bot + human + unknown;
    return String.format(
        "%-30s %8d %8d %8d %9.1f%%",
        WindowRows.span(window.start(), window.end()),
        bot,
        human,
        unknown,
        total == 0 ? 0.0 : 100.0 * bot / total);
  }
}
