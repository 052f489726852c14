package org.wikipulse.bench.pipelines;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The child's side of the protocol: a line {@code @@IN <records read>} on stdout every 200 ms, so
 * the harness knows when a contestant has read its whole input.
 */
final class Progress {
  static final String PREFIX = "@@IN ";

  private Progress() {}

  static void report(LongSupplier recordsIn) {
    ScheduledExecutorService reporter =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "bench-progress");
              thread.setDaemon(true);
              return thread;
            });
    reporter.scheduleAtFixedRate(
        () -> {
          System.out.println(PREFIX + recordsIn.getAsLong());
          System.out.flush();
        },
        200,
        200,
        TimeUnit.MILLISECONDS);
  }
}
