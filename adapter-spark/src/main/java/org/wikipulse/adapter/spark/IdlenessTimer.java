package org.wikipulse.adapter.spark;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the input partitions' silence between micro-batches ({@link BatchMerge#checkIdleness()}),
 * on a daemon thread of its own, a few times per idle timeout (at most every second, as the Kafka
 * Streams runtime's punctuator).
 */
final class IdlenessTimer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IdlenessTimer.class);

  private final ScheduledExecutorService executor;

  IdlenessTimer(BatchMerge merge, Duration idleTimeout) {
    long periodMs = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 4));
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "wikipulse-spark-idleness");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(() -> check(merge), periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  private static void check(BatchMerge merge) {
    try {
      merge.checkIdleness();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not commit what idle partitions closed ({}): the next micro-batch starts again"
              + " from the committed state",
          e.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("The idleness check did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
