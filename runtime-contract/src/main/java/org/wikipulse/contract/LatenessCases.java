package org.wikipulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.contract.ContractEvents.at;
import static org.wikipulse.contract.ContractEvents.canary;
import static org.wikipulse.contract.ContractEvents.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.PipelineProgress;

/**
 * Out-of-order and late events: what the allowed lateness keeps, what the watermark drops, and how
 * the drops are counted or dead-lettered.
 */
public interface LatenessCases extends ContractCase {

  /**
   * Purpose: disorder within the allowed lateness changes nothing. Input: the edits of the in-order
   * case, each delayed by up to 59 s (less than the 60 s lateness) and fed in that order. Pass: the
   * reference's rows, nothing dropped, every edit counted twice.
   */
  @Test
  default void shuffledWithinTheLatenessGivesTheSameOutput() {
    List<EditEvent> events = new ArrayList<>(ContractCase.mixedEdits(2, 0, 120, 1));
    Random random = new Random(2);
    Map<EditEvent, Long> arrival = new java.util.HashMap<>();
    for (EditEvent event : events) {
      arrival.put(event, event.eventTime().getEpochSecond() + random.nextInt(60));
    }
    events.sort(Comparator.comparing(arrival::get));

    Scenario scenario = start(DEFAULT, 1);
    scenario.feedInBatches(events, 40);
    scenario.advanceAllPartitionsTo(600, 1);

    assertSameAsReference(scenario);
    assertThat(scenario.reference().droppedLate()).isZero();
    assertThat(ContractCase.totalCount(harness().results())).isEqualTo(120L * 2);
  }

  /**
   * Purpose: data later than the lateness is dropped. Input: edits at 0-50 s; a canary at 300 s in
   * a later batch (watermark 240 s); then, in a later batch still, three edits whose windows all
   * end by 150 s. Pass: the reference's rows, which do not include the late edits.
   */
  @Test
  default void recordsLaterThanTheLatenessAreDropped() {
    Scenario scenario = lateScenario();

    assertSameAsReference(scenario);
    assertThat(scenario.reference().droppedLate()).isEqualTo(3);
    assertThat(ContractCase.totalCount(harness().results())).isEqualTo(51L * 2);
    assertThat(harness().deadLetters()).as("late events are only counted by default").isEmpty();
  }

  /**
   * Purpose: with {@code late-events: dead-letter} what the watermark drops is visible. Input: as
   * {@link #recordsLaterThanTheLatenessAreDropped()}, with late events dead-lettered. Pass: the
   * reference's rows; exactly the three late edits in the dead-letter output, each once, as they
   * were written, with reason LATE, their own event time, and the watermark they missed (the canary
   * at 300 s minus the 60 s lateness), both as ISO-8601 instants; the dead-lettered counter says 3.
   */
  @Test
  default void lateEventsAreDeadLetteredWithTheWatermarkTheyMissed() {
    requires(Capability.LATE_EVENTS_DEAD_LETTERED);
    Scenario scenario = start(DEFAULT, 1, LateEvents.DEAD_LETTER);
    scenario.feedInBatches(ContractCase.mixedEdits(3, 0, 51, 1), 51);
    scenario.batch().v1(0, canary(300)).feed();
    List<EditEvent> late = List.of(edit(10, true), edit(20, false), edit(89, false));
    Scenario.Batch lateBatch = scenario.batch();
    late.forEach(event -> lateBatch.v1(0, event));
    lateBatch.feed();
    scenario.advanceAllPartitionsTo(900, 1);

    List<WindowCount> rows = harness().results().stream().sorted(WindowCount.ORDER).toList();
    assertThat(rows).as("output rows").containsExactlyElementsOf(scenario.referenceRows());
    assertThat(scenario.reference().droppedLate()).isEqualTo(3);
    List<ContractDeadLetter> deadLetters = harness().deadLetters();
    assertThat(deadLetters)
        .extracting(ContractDeadLetter::reason)
        .hasSize(3)
        .containsOnly(DeadLetterReason.LATE);
    for (EditEvent event : late) {
      String eventTime = event.eventTime().toString();
      List<ContractDeadLetter> forEvent =
          deadLetters.stream()
              .filter(d -> eventTime.equals(d.headers().get(DeadLetterHeaders.EVENT_TIME)))
              .toList();
      assertThat(forEvent).as("dead letters of the late edit at " + eventTime).hasSize(1);
      ContractDeadLetter deadLetter = forEvent.get(0);
      assertThat(deadLetter.value()).isEqualTo(scenario.records().v1(event));
      assertThat(deadLetter.headers())
          .containsEntry(DeadLetterHeaders.WATERMARK, at(240).toString());
      assertThat(deadLetter.message()).isNotBlank();
    }
    PipelineProgress counters = harness().counters();
    assertThat(counters.recordsIn()).as("records in").isEqualTo(scenario.fed());
    assertThat(counters.deadLettered()).as("dead-lettered").isEqualTo(3);
    assertThat(counters.windowsOut()).as("windows out").isEqualTo(rows.size());
  }

  /**
   * Purpose: late drops are counted, never silent. Input: as {@link
   * #recordsLaterThanTheLatenessAreDropped()}. Pass: the counted and dropped-late counters equal
   * the reference's (51 counted, 3 dropped).
   */
  @Test
  default void lateDropsAreCountedAsTheReferenceCountsThem() {
    requires(Capability.EXACT_EVENT_COUNTERS);
    Scenario scenario = lateScenario();

    PipelineProgress counters = harness().counters();
    assertThat(counters.droppedLate()).isEqualTo(scenario.reference().droppedLate()).isEqualTo(3);
    assertThat(counters.counted()).isEqualTo(scenario.reference().counted()).isEqualTo(51);
  }

  private Scenario lateScenario() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.feedInBatches(ContractCase.mixedEdits(3, 0, 51, 1), 51);
    scenario.batch().v1(0, canary(300)).feed();
    scenario.batch().v1(0, edit(10, true)).v1(0, edit(20, false)).v1(0, edit(89, false)).feed();
    scenario.advanceAllPartitionsTo(900, 1);
    return scenario;
  }

  /**
   * Purpose: SEMANTICS.md example 1, one record per batch. Input: Human 10, Bot 35, Human 20,
   * canary 100, Human 25, Human 150, Bot 15. Pass: [-30,30) Human 2, [0,60) Bot 1, [0,60) Human 3,
   * [30,90) Bot 1, as the reference; the Bot at 15 is dropped.
   */
  @Test
  default void semanticsExample1RecordByRecord() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.feedOneByOne(example1());

    assertSameAsReference(scenario);
    assertThat(harness().results())
        .containsExactlyInAnyOrder(
            new WindowCount(at(-30), at(30), Actor.HUMAN, 2),
            new WindowCount(at(0), at(60), Actor.BOT, 1),
            new WindowCount(at(0), at(60), Actor.HUMAN, 3),
            new WindowCount(at(30), at(90), Actor.BOT, 1));
  }

  /**
   * Purpose: the watermark moves after every record, not after every batch. Input: example 1 in one
   * batch. Pass: the same rows as record by record: the Human at 25 misses the window the canary
   * closed, and the Bot at 15 is dropped.
   */
  @Test
  default void lateBehindAnEarlierRecordOfTheSameBatch() {
    requires(Capability.RECORD_AT_A_TIME_WATERMARK);
    Scenario scenario = start(DEFAULT, 1);
    scenario.feedInBatches(example1(), 7);

    assertSameAsReference(scenario);
    assertThat(scenario.reference().droppedLate()).isEqualTo(1);
  }

  private static List<EditEvent> example1() {
    return List.of(
        edit(10, false),
        edit(35, true),
        edit(20, false),
        canary(100),
        edit(25, false),
        edit(150, false),
        edit(15, true));
  }
}
