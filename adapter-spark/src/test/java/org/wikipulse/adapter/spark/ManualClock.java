package org.wikipulse.adapter.spark;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A processing-time clock that moves only when a test moves it. */
final class ManualClock implements LongSupplier {
  private final AtomicLong nowMs = new AtomicLong(1_000_000_000_000L);

  @Override
  public long getAsLong() {
    return nowMs.get();
  }

  void advance(Duration duration) {
    nowMs.addAndGet(duration.toMillis());
  }
}
