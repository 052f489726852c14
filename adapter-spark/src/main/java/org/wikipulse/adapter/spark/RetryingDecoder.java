package org.wikipulse.adapter.spark;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.RegistryUnavailableException;

/**
 * What the Spark runtime does once a decode has spent the registry's retry budget ({@code
 * RegistrySettings.retryBudget}, spent inside the registry client, which is the only place that
 * retries a request): a record whose writer schema cannot be fetched now is not a bad record, so it
 * is not dead-lettered. A decoding task holds no transaction (the batch's transaction is opened and
 * committed by the driver after the tasks), so it can wait the outage out: it tries again with
 * backoff, each try bounded by the budget. After {@link #GIVE_UP_AFTER} the exception escapes and
 * fails the task, so that a lasting outage stops the query visibly (it resumes from its checkpoint)
 * instead of hanging.
 */
final class RetryingDecoder {
  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
  private static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(RetryingDecoder.class);

  private final EditEventDecoder decoder;
  private final Duration giveUpAfter;

  RetryingDecoder(EditEventDecoder decoder) {
    this(decoder, GIVE_UP_AFTER);
  }

  RetryingDecoder(EditEventDecoder decoder, Duration giveUpAfter) {
    this.decoder = decoder;
    this.giveUpAfter = giveUpAfter;
  }

  DecodeResult decode(byte[] value) {
    try {
      return decoder.decode(value);
    } catch (RegistryUnavailableException first) {
      return retry(value, first);
    }
  }

  private DecodeResult retry(byte[] value, RegistryUnavailableException first) {
    long deadline = System.nanoTime() + giveUpAfter.toNanos();
    long backoffMs = FIRST_BACKOFF_MS;
    LOG.warn("Schema registry unavailable, retrying with backoff: {}", first.getMessage());
    RegistryUnavailableException last = first;
    while (System.nanoTime() < deadline) {
      sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      try {
        DecodeResult result = decoder.decode(value);
        LOG.info("Schema registry reachable again");
        return result;
      } catch (RegistryUnavailableException e) {
        last = e;
      }
    }
    LOG.error("Schema registry unavailable for {}, failing the task", giveUpAfter);
    throw last;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
    }
  }
}
