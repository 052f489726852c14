package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Two starts at once: both results on success; on a failure, nothing left running. */
class ParallelStartTest {

  /** Stands in for a started process; remembers whether it was closed. */
  private static final class FakeProcess implements AutoCloseable {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void returnsBothStartedThingsInOrder() {
    FakeProcess first = new FakeProcess();
    FakeProcess second = new FakeProcess();

    ParallelStart.Both<FakeProcess, FakeProcess> both =
        ParallelStart.start(() -> first, () -> second);

    assertThat(both.first()).isSameAs(first);
    assertThat(both.second()).isSameAs(second);
    assertThat(first.closed).isFalse();
  }

  @Test
  void closesWhatStartedWhenTheOtherFails() {
    FakeProcess first = new FakeProcess();
    // The second fails only once the first has started: a first start cancelled before it ran
    // started nothing, so there would be nothing to close.
    CountDownLatch firstStarted = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                ParallelStart.start(
                    () -> {
                      firstStarted.countDown();
                      return first;
                    },
                    () -> {
                      if (!firstStarted.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the first start never ran");
                      }
                      throw new LocalStackStartException("registry did not come up");
                    }))
        .isInstanceOf(LocalStackStartException.class)
        .hasMessage("registry did not come up");
    assertThat(first.closed).isTrue();
  }

  @Test
  void interruptsAStartStillWaitingWhenTheOtherFails() {
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();

    assertThatThrownBy(
            () ->
                ParallelStart.start(
                    () -> {
                      waiting.countDown();
                      try {
                        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw new LocalStackStartException("interrupted", e);
                      }
                      return new FakeProcess();
                    },
                    () -> {
                      waiting.await();
                      throw new LocalStackStartException("broker did not come up");
                    }))
        .isInstanceOf(LocalStackStartException.class)
        .hasMessage("broker did not come up");
    assertThat(interrupted).isTrue();
  }

  @Test
  void aCheckedFailureBecomesAStartException() {
    assertThatThrownBy(
            () ->
                ParallelStart.start(
                    FakeProcess::new,
                    () -> {
                      throw new java.io.IOException("disk full");
                    }))
        .isInstanceOf(LocalStackStartException.class)
        .hasMessageContaining("disk full");
  }
}
