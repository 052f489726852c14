package org.wikipulse.app;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop, handled by the running command instead of the
 * JVM's shutdown sequence. Left to the JVM, a signal runs every shutdown hook at once, Spark's
 * among them: its SparkContext stops under the pipeline that is still stopping its query, which
 * then fails with "Cannot call methods on a stopped SparkContext", and the process exits with 143
 * however cleanly it stopped. Handled here, the command stops its pipeline first and exits 0; the
 * JVM's hooks then run on a stopped pipeline. A second signal goes to the JVM's own handler: exit
 * now.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only signal API; Spark and
 * Hadoop use it for the same purpose. Where it is missing, the JVM's shutdown hook remains the
 * fallback.
 */
final class StopSignals implements AutoCloseable {
  private static final List<String> STOP_SIGNALS = List.of("TERM", "INT");

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignals() {}

  /** Calls {@code stop} on the first SIGTERM or SIGINT, until closed. */
  static StopSignals install(Runnable stop) {
    StopSignals installed = new StopSignals();
    for (String name : STOP_SIGNALS) {
      Signal signal = new Signal(name);
      SignalHandler[] before = new SignalHandler[1];
      try {
        before[0] =
            Signal.handle(
                signal,
                received -> {
                  // Restored first, so that a second signal ends the process at once.
                  Signal.handle(received, before[0]);
                  stop.run();
                });
      } catch (IllegalArgumentException e) {
        // The JVM keeps this signal (-Xrs, or a debugger's): its shutdown hook still stops us.
        continue;
      }
      installed.signals.add(signal);
      installed.previous.add(before[0]);
    }
    return installed;
  }

  /** Gives the signals back to the handlers they had before. */
  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
    signals.clear();
    previous.clear();
  }
}
