package org.wikipulse.app.ingest;

import org.apache.avro.generic.GenericRecord;

/** Slows ingestion down to a rate, or to event time running a set factor faster than real time. */
public interface Pacer {

  /** Waits until the record may be sent. */
  void pace(GenericRecord record) throws InterruptedException;

  /** As fast as the producer takes records. */
  static Pacer unpaced() {
    return record -> {};
  }

  /** At most {@code perSecond} records per second of wall-clock time. */
  static Pacer rate(double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("--rate must be positive, was " + perSecond);
    }
    long start = System.nanoTime();
    long[] sent = {0};
    return record -> {
      long due = start + (long) (sent[0]++ * 1e9 / perSecond);
      sleepUntil(due);
    };
  }

  /**
   * Event time runs {@code factor} times faster than wall-clock time: an event {@code t} seconds
   * after the first one is sent {@code t / factor} seconds after it. Out-of-order events are sent
   * at once.
   */
  static Pacer speedup(double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("--speedup must be positive, was " + factor);
    }
    long[] origin = {Long.MIN_VALUE, 0};
    return record -> {
      long eventSecond = EventTimes.secondsOf(record);
      if (origin[0] == Long.MIN_VALUE) {
        origin[0] = eventSecond;
        origin[1] = System.nanoTime();
        return;
      }
      sleepUntil(origin[1] + (long) ((eventSecond - origin[0]) * 1e9 / factor));
    };
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
