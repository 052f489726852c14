package org.wikipulse.bench.pipelines;

import java.util.List;
import java.util.Locale;

/** The Markdown report of one run. */
final class ResultTable {
  private ResultTable() {}

  static String markdown(
      List<Measurement> results,
      int events,
      boolean evolve,
      long underV2,
      long loadMs,
      int tailSteps,
      String machine) {
    Measurement raw =
        results.stream()
            .filter(m -> m.contestant() == Contestant.RAW_LIMIT)
            .findFirst()
            .orElse(null);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Run: %,d events + 4 closing canaries on a 4-partition topic%s, loaded in %.1f s;"
                + " %d live-tail steps per contestant.%n",
            events,
            evolve ? String.format(Locale.ROOT, " (%,d of them under the v2 schema)", underV2) : "",
            loadMs / 1000.0,
            tailSteps));
    out.append("Machine: ").append(machine).append("\n\n");
    out.append(
        "| Contestant | events/s | × raw limit | × textbook peer | events/s from first read |"
            + " first output (s) |"
            + " close→output p50 / p99 (ms) | Spark batch p50 / max (ms) | peak RSS (MB) | CPU (s) | rows differing"
            + " (of expected) | events lost |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : results) {
      Measurement peer = null;
      if (m.contestant().peer() != null) {
        peer =
            results.stream()
                .filter(other -> other.contestant() == m.contestant().peer())
                .findFirst()
                .orElse(null);
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s / %s (n=%d) | %s | %s | %s | %d (of %d)%s | %,d |%n",
              m.contestant().label(),
              m.readAll()
                  ? String.format(Locale.ROOT, "%,.0f", m.eventsPerSecond())
                  : "did not finish",
              raw == null ? "" : ratio(m.eventsPerSecond(), raw.eventsPerSecond()),
              peer == null ? "" : ratio(m.eventsPerSecond(), peer.eventsPerSecond()),
              number(m.eventsPerSecondAfterFirstRead(), "%,.0f"),
              number(m.firstOutputSeconds(), "%.1f"),
              number(m.delayP50Ms(), "%.0f"),
              number(m.delayP99Ms(), "%.0f"),
              m.delaySamples(),
              m.batches() == 0
                  ? ""
                  : number(m.batchP50Ms(), "%.0f")
                      + " / "
                      + number(m.batchMaxMs(), "%.0f")
                      + " (n="
                      + m.batches()
                      + ")",
              number(m.peakRssMb(), "%.0f"),
              number(m.cpuSeconds(), "%.1f"),
              m.rowsDiffering(),
              m.rowsExpected(),
              m.duplicateRows() > 0 ? ", " + m.duplicateRows() + " written twice" : "",
              m.eventsLost()));
    }
    return out.toString();
  }

  private static String ratio(double value, double base) {
    if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", value / base);
  }

  private static String number(double value, String format) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
  }
}
