package org.wikipulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.contract.ContractEvents.at;
import static org.wikipulse.contract.ContractEvents.canary;
import static org.wikipulse.contract.ContractEvents.edit;
import static org.wikipulse.contract.ContractEvents.ofType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;

/** Counting in windows: who made an edit, which events count, window edges and window specs. */
public interface CountingCases extends ContractCase {

  /**
   * Purpose: the basic promise. Input: 120 edits a second apart in one partition, in three batches,
   * then a canary far ahead. Pass: every window with exactly the reference's counts, and every edit
   * counted in both of its windows.
   */
  @Test
  default void inOrderStreamGivesExactCounts() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.feedInBatches(ContractCase.mixedEdits(1, 0, 120, 1), 40);
    scenario.advanceAllPartitionsTo(600, 1);

    assertSameAsReference(scenario);
    assertThat(ContractCase.totalCount(harness().results())).isEqualTo(120L * 2);
  }

  /**
   * Purpose: who made an edit. Input: Bot, Human, and flagless edits in the same windows. Pass: a
   * Bot, a Human and an Unknown row per window with the reference's counts; no null actor.
   */
  @Test
  default void botHumanAndUnknownAreCountedApart() {
    Scenario scenario = start(DEFAULT, 1);
    scenario
        .batch()
        .v1(0, edit(1, true))
        .v1(0, edit(2, true))
        .v1(0, edit(3, false))
        .v1(0, edit(4, null))
        .v1(0, edit(5, false))
        .v1(0, edit(6, false))
        .feed();
    scenario.advanceAllPartitionsTo(300, 1);

    assertSameAsReference(scenario);
    assertThat(harness().results())
        .contains(
            new WindowCount(at(0), at(60), Actor.BOT, 2),
            new WindowCount(at(0), at(60), Actor.HUMAN, 3),
            new WindowCount(at(0), at(60), Actor.UNKNOWN, 1));
  }

  /**
   * Purpose: only edits count, but every decoded event moves event time. Input: edits at 0-10 s;
   * then new, log and categorize events and a canary edit inside the same windows; then a log event
   * at 200 s alone, which must close the early windows. Pass: the reference's rows: the early
   * windows are written after the log event, and hold only the edits.
   */
  @Test
  default void nonEditAndCanaryEventsAreNotCountedButAdvanceTime() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.feedInBatches(ContractCase.mixedEdits(5, 0, 11, 1), 11);
    scenario
        .batch()
        .v1(0, ofType(12, "new"))
        .v1(0, ofType(13, "log"))
        .v1(0, ofType(14, "categorize"))
        .v1(0, canary(15))
        .feed();
    scenario.batch().v1(0, ofType(200, "log")).feed();
    scenario.batch().v1(0, ofType(201, "log")).feed();

    assertSameAsReference(scenario);
    assertThat(ContractCase.totalCount(harness().results())).isEqualTo(11L * 2);
  }

  /**
   * Purpose: window edges. Input: a Human edit at 29 s, a Bot edit at exactly 30 s, then a Human
   * edit at 600 s after a long gap. Pass: the Bot edit is in [0,60) and [30,90) but not [-30,30);
   * no row for the empty windows in the gap; all equal to the reference.
   */
  @Test
  default void anEventAtAWindowEndBelongsToTheNextWindowAndEmptyWindowsWriteNothing() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.batch().v1(0, edit(29, false)).v1(0, edit(30, true)).feed();
    scenario.batch().v1(0, edit(600, false)).feed();
    scenario.advanceAllPartitionsTo(1200, 1);

    assertSameAsReference(scenario);
    assertThat(harness().results())
        .containsExactlyInAnyOrder(
            new WindowCount(at(-30), at(30), Actor.HUMAN, 1),
            new WindowCount(at(0), at(60), Actor.HUMAN, 1),
            new WindowCount(at(0), at(60), Actor.BOT, 1),
            new WindowCount(at(30), at(90), Actor.BOT, 1),
            new WindowCount(at(570), at(630), Actor.HUMAN, 1),
            new WindowCount(at(600), at(660), Actor.HUMAN, 1));
  }

  /**
   * Purpose: the window spec is configuration, not code. Input: edits a second apart under 10 s
   * windows sliding every 5 s with no lateness. Pass: the reference's rows, each edit in two
   * windows.
   */
  @Test
  default void shortWindowsWithoutLatenessGiveTheReferenceAnswer() {
    WindowSpec spec = new WindowSpec(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO);
    Scenario scenario = start(spec, 1);
    scenario.feedInBatches(ContractCase.mixedEdits(10, 0, 60, 1), 20);
    scenario.advanceAllPartitionsTo(300, 1);

    assertSameAsReference(scenario);
    assertThat(ContractCase.totalCount(harness().results())).isEqualTo(60L * 2);
  }

  /**
   * Purpose: long windows. Input: edits 7 s apart over 20 minutes under 5 min windows sliding every
   * minute with 2 min lateness. Pass: the reference's rows, each edit in five windows.
   */
  @Test
  default void fiveMinuteWindowsSlidingEveryMinuteGiveTheReferenceAnswer() {
    WindowSpec spec =
        new WindowSpec(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(2));
    Scenario scenario = start(spec, 1);
    scenario.feedInBatches(ContractCase.mixedEdits(11, 0, 172, 7), 43);
    scenario.advanceAllPartitionsTo(3600, 1);

    assertSameAsReference(scenario);
    assertThat(ContractCase.totalCount(harness().results())).isEqualTo(172L * 5);
  }
}
