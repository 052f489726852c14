package org.wikipulse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wikipulse.domain.Events.at;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowSpecTest {

  @Test
  void defaultIsTheOriginalJob() {
    assertThat(WindowSpec.DEFAULT.size()).isEqualTo(Duration.ofSeconds(60));
    assertThat(WindowSpec.DEFAULT.slide()).isEqualTo(Duration.ofSeconds(30));
    assertThat(WindowSpec.DEFAULT.allowedLateness()).isEqualTo(Duration.ofSeconds(60));
    assertThat(WindowSpec.DEFAULT.windowsPerEvent()).isEqualTo(2);
  }

  @Test
  void anEventBelongsToTheTwoWindowsThatContainIt() {
    assertThat(WindowSpec.DEFAULT.windowsFor(at(10)))
        .containsExactly(new Window(at(-30), at(30)), new Window(at(0), at(60)));
  }

  @Test
  void anEventExactlyAtAWindowEndBelongsToTheNextWindow() {
    assertThat(WindowSpec.DEFAULT.windowsFor(at(30)))
        .containsExactly(new Window(at(0), at(60)), new Window(at(30), at(90)));
  }

  @Test
  void anEventJustBeforeAWindowEndStaysInIt() {
    assertThat(WindowSpec.DEFAULT.windowsFor(at(30).minusMillis(1)))
        .containsExactly(new Window(at(-30), at(30)), new Window(at(0), at(60)));
  }

  @Test
  void windowsAreAlignedToTheEpochBeforeIt() {
    WindowSpec spec = WindowSpec.DEFAULT;
    assertThat(spec.windowsFor(java.time.Instant.ofEpochSecond(-1)))
        .containsExactly(
            new Window(java.time.Instant.ofEpochSecond(-60), java.time.Instant.ofEpochSecond(0)),
            new Window(java.time.Instant.ofEpochSecond(-30), java.time.Instant.ofEpochSecond(30)));
  }

  @Test
  void tumblingWindowsGiveOneWindow() {
    WindowSpec tumbling =
        new WindowSpec(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ZERO);
    assertThat(tumbling.windowsFor(at(15))).containsExactly(new Window(at(10), at(20)));
  }

  @Test
  void fiveMinuteWindowsSlidingEveryMinuteGiveFive() {
    WindowSpec spec =
        new WindowSpec(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(2));
    assertThat(spec.windowsFor(at(61)))
        .hasSize(5)
        .allSatisfy(window -> assertThat(window.contains(at(61))).isTrue());
  }

  @Test
  void rejectsNonPositiveSizeAndSlide() {
    assertThatThrownBy(() -> new WindowSpec(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size must be positive");
    assertThatThrownBy(
            () -> new WindowSpec(Duration.ofSeconds(60), Duration.ofSeconds(-30), Duration.ZERO))
        .hasMessageContaining("slide must be positive");
  }

  @Test
  void rejectsNegativeLateness() {
    assertThatThrownBy(
            () ->
                new WindowSpec(
                    Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(-1)))
        .hasMessageContaining("lateness must be zero or positive");
  }

  @Test
  void rejectsSlideLargerThanSize() {
    assertThatThrownBy(
            () -> new WindowSpec(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ZERO))
        .hasMessageContaining("must not be larger than the window size");
  }

  @Test
  void rejectsSizeThatIsNotAMultipleOfTheSlide() {
    assertThatThrownBy(
            () -> new WindowSpec(Duration.ofSeconds(60), Duration.ofSeconds(25), Duration.ZERO))
        .hasMessageContaining("whole multiple of the slide");
  }
}
