package org.wikipulse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.domain.Actor.BOT;
import static org.wikipulse.domain.Actor.HUMAN;
import static org.wikipulse.domain.Events.at;
import static org.wikipulse.domain.Events.canary;
import static org.wikipulse.domain.Events.edit;
import static org.wikipulse.domain.Events.row;

import org.junit.jupiter.api.Test;

/** The worked examples of SEMANTICS.md, step by step. */
class ReferenceAnalysisExamplesTest {

  @Test
  void example1OnePartition() {
    ReferenceAnalysis analysis = new ReferenceAnalysis(WindowSpec.DEFAULT, 1);

    assertThat(analysis.accept(0, edit(10, false))).isEmpty();
    assertThat(analysis.watermark()).isEqualTo(at(-50));
    assertThat(analysis.accept(0, edit(35, true))).isEmpty();
    assertThat(analysis.watermark()).isEqualTo(at(-25));
    assertThat(analysis.accept(0, edit(20, false))).as("15 s out of order, on time").isEmpty();
    assertThat(analysis.watermark()).isEqualTo(at(-25));

    assertThat(analysis.accept(0, canary(100))).containsExactly(row(-30, 30, HUMAN, 2));
    assertThat(analysis.watermark()).isEqualTo(at(40));

    assertThat(analysis.accept(0, edit(25, false))).as("[-30,30) closed, [0,60) open").isEmpty();
    assertThat(analysis.droppedLate()).isZero();

    assertThat(analysis.accept(0, edit(150, false)))
        .containsExactly(row(0, 60, BOT, 1), row(0, 60, HUMAN, 3), row(30, 90, BOT, 1));
    assertThat(analysis.watermark()).isEqualTo(at(90));

    assertThat(analysis.accept(0, edit(15, true))).isEmpty();
    assertThat(analysis.droppedLate()).isEqualTo(1);

    assertThat(analysis.flush()).containsExactly(row(120, 180, HUMAN, 1), row(150, 210, HUMAN, 1));
    assertThat(analysis.eventsIn()).isEqualTo(7);
    assertThat(analysis.counted()).isEqualTo(5);
    assertThat(analysis.rowsOut()).isEqualTo(6);
  }

  @Test
  void example2TwoPartitionsOneBehind() {
    ReferenceAnalysis analysis = new ReferenceAnalysis(WindowSpec.DEFAULT, 2);

    assertThat(analysis.accept(0, edit(10, false))).isEmpty();
    assertThat(analysis.accept(0, canary(200))).as("p1 has no data: no watermark yet").isEmpty();
    assertThat(analysis.watermark()).isNull();
    assertThat(analysis.accept(1, edit(20, true))).isEmpty();
    assertThat(analysis.accept(1, edit(40, false))).isEmpty();

    assertThat(analysis.accept(1, canary(210)))
        .containsExactly(
            row(-30, 30, BOT, 1),
            row(-30, 30, HUMAN, 1),
            row(0, 60, BOT, 1),
            row(0, 60, HUMAN, 2),
            row(30, 90, HUMAN, 1));
    assertThat(analysis.watermark()).isEqualTo(at(140));
    assertThat(analysis.droppedLate()).isZero();
  }

  @Test
  void example2GivesTheSameRowsWhicheverPartitionIsReadFirst() {
    ReferenceAnalysis analysis = new ReferenceAnalysis(WindowSpec.DEFAULT, 2);
    analysis.accept(1, edit(20, true));
    analysis.accept(1, edit(40, false));
    analysis.accept(1, canary(210));
    analysis.accept(0, edit(10, false));

    assertThat(analysis.accept(0, canary(200)))
        .containsExactly(
            row(-30, 30, BOT, 1),
            row(-30, 30, HUMAN, 1),
            row(0, 60, BOT, 1),
            row(0, 60, HUMAN, 2),
            row(30, 90, HUMAN, 1));
  }

  @Test
  void example3AnIdlePartition() {
    ReferenceAnalysis analysis = new ReferenceAnalysis(WindowSpec.DEFAULT, 2);
    analysis.accept(0, edit(10, false));
    analysis.accept(0, canary(200));

    assertThat(analysis.markIdle(1)).containsExactly(row(-30, 30, HUMAN, 1), row(0, 60, HUMAN, 1));
    assertThat(analysis.watermark()).isEqualTo(at(140));

    assertThat(analysis.accept(1, edit(20, true))).isEmpty();
    assertThat(analysis.droppedLate()).as("the watermark does not move back").isEqualTo(1);
    assertThat(analysis.watermark()).isEqualTo(at(140));
    assertThat(analysis.flush()).isEmpty();
  }

  @Test
  void whenEveryPartitionIsIdleTheFurthestPartitionSetsTheWatermark() {
    ReferenceAnalysis analysis = new ReferenceAnalysis(WindowSpec.DEFAULT, 2);
    analysis.accept(0, edit(10, false));
    analysis.accept(0, canary(200));
    analysis.markIdle(0);

    assertThat(analysis.watermark()).as("p1 is not idle and has no data").isNull();
    assertThat(analysis.markIdle(1)).containsExactly(row(-30, 30, HUMAN, 1), row(0, 60, HUMAN, 1));
    assertThat(analysis.watermark()).isEqualTo(at(140));

    analysis.accept(1, edit(20, true));
    assertThat(analysis.watermark()).as("never moves back").isEqualTo(at(140));
    assertThat(analysis.droppedLate()).isEqualTo(1);
  }

  @Test
  void aLateEventCanStillCountInItsNewerWindow() {
    ReferenceAnalysis analysis = new ReferenceAnalysis(WindowSpec.DEFAULT, 1);
    analysis.accept(0, canary(100)); // watermark 40
    analysis.accept(0, edit(35, true)); // [0,60) and [30,90): both open
    analysis.accept(0, edit(25, true)); // [-30,30) closed, [0,60) open

    assertThat(analysis.droppedLate()).isZero();
    assertThat(analysis.flush()).containsExactly(row(0, 60, BOT, 2), row(30, 90, BOT, 1));
  }

  @Test
  void onlyEditsThatAreNotCanariesAreCountedButAllAdvanceTime() {
    ReferenceAnalysis analysis = new ReferenceAnalysis(WindowSpec.DEFAULT, 1);
    analysis.accept(0, edit(10, null));
    analysis.accept(0, Events.ofType(12, "new"));
    analysis.accept(0, Events.ofType(13, "log"));

    assertThat(analysis.accept(0, Events.ofType(150, "categorize")))
        .containsExactly(row(-30, 30, Actor.UNKNOWN, 1), row(0, 60, Actor.UNKNOWN, 1));
    assertThat(analysis.counted()).isEqualTo(1);
  }
}
