package org.wikipulse.adapter.kstreams;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.adapter.kstreams.TopologyConfig.RegistryRetry;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.RegistryUnavailableException;

/**
 * Decodes with backoff while the registry is unavailable: such a record is not bad, so it is never
 * dead-lettered. After {@link RegistryRetry#giveUpAfter()} the exception goes up; the runtime then
 * replaces the stream thread, which reprocesses from the last commit.
 */
final class RetryingDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingDecoder.class);

  private final EditEventDecoder decoder;
  private final RegistryRetry retry;

  RetryingDecoder(EditEventDecoder decoder, RegistryRetry retry) {
    this.decoder = decoder;
    this.retry = retry;
  }

  DecodeResult decode(byte[] value) {
    long startNanos = System.nanoTime();
    long backoffMs = retry.firstBackoff().toMillis();
    while (true) {
      try {
        return decoder.decode(value);
      } catch (RegistryUnavailableException e) {
        long waitedMs = (System.nanoTime() - startNanos) / 1_000_000;
        if (waitedMs + backoffMs > retry.giveUpAfter().toMillis()) {
          throw e;
        }
        if (waitedMs == 0 || backoffMs == retry.firstBackoff().toMillis()) {
          LOG.warn(
              "Schema registry unavailable ({}); retrying for up to {} ms",
              e.getMessage(),
              retry.giveUpAfter().toMillis());
        }
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, retry.maxBackoff().toMillis());
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("Interrupted while waiting for the registry", e);
    }
  }
}
