package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.RegistryUnavailableException;

/** A registry outage is waited out, never turned into a dead letter. */
class RetryingDecoderTest {
  private static final DecodeResult REJECTED =
      new DecodeResult.Rejected(DeadLetterReason.UNKNOWN_SCHEMA_ID, "no schema 7");

  /**
   * Purpose: a record whose schema cannot be fetched for a while is decoded once the registry is
   * back. Input: a decoder that fails twice, then answers. Pass: its answer, after three calls.
   */
  @Test
  void retriesUntilTheRegistryAnswers() {
    AtomicInteger calls = new AtomicInteger();
    EditEventDecoder flaky =
        value -> {
          if (calls.incrementAndGet() <= 2) {
            throw new RegistryUnavailableException("registry down", null);
          }
          return REJECTED;
        };

    assertThat(new RetryingDecoder(flaky).decode(new byte[] {0})).isEqualTo(REJECTED);
    assertThat(calls).hasValue(3);
  }

  /**
   * Purpose: a lasting outage fails the task instead of hanging or dead-lettering. Input: a decoder
   * that always fails, a 300 ms limit. Pass: the registry exception escapes after several tries.
   */
  @Test
  void givesUpAfterTheLimitWithTheRegistryError() {
    AtomicInteger calls = new AtomicInteger();
    EditEventDecoder down =
        value -> {
          calls.incrementAndGet();
          throw new RegistryUnavailableException("registry down", null);
        };

    assertThatThrownBy(
            () -> new RetryingDecoder(down, Duration.ofMillis(300)).decode(new byte[] {0}))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessage("registry down");
    assertThat(calls.get()).isGreaterThan(1);
  }
}
