package org.wikipulse.adapter.kstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.adapter.kstreams.Events.T;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.testkit.RecentChangeGenerator;

/** The topology against the domain's reference analysis, in a TopologyTestDriver. */
class AnalysisTopologyTest {

  @Test
  void inOrderEventsGiveTheReferenceRows() {
    try (TopologyFixture fixture = new TopologyFixture(1)) {
      RecentChangeGenerator generator =
          new RecentChangeGenerator(
              AvroSchemas.RECENT_CHANGE, 1, Instant.ofEpochSecond(T), 20, Duration.ZERO);
      for (GenericRecord record : generator.next(5_000)) {
        fixture.send(0, record);
      }
      fixture.closeAllWindows();

      assertMatchesReference(fixture);
      assertThat(fixture.reference().droppedLate()).isZero();
    }
  }

  @Test
  void eventsShuffledWithinTheLatenessAreAllCounted() {
    try (TopologyFixture fixture = new TopologyFixture(1)) {
      RecentChangeGenerator generator =
          new RecentChangeGenerator(
              AvroSchemas.RECENT_CHANGE, 2, Instant.ofEpochSecond(T), 20, Duration.ofSeconds(55));
      for (GenericRecord record : generator.next(5_000)) {
        fixture.send(0, record);
      }
      fixture.closeAllWindows();

      assertMatchesReference(fixture);
      assertThat(fixture.counters.snapshot().droppedLate()).isZero();
    }
  }

  @Test
  void eventsLaterThanTheLatenessAreDroppedAndCounted() {
    try (TopologyFixture fixture = new TopologyFixture(1)) {
      RecentChangeGenerator generator =
          new RecentChangeGenerator(
              AvroSchemas.RECENT_CHANGE, 3, Instant.ofEpochSecond(T), 20, Duration.ofSeconds(200));
      for (GenericRecord record : generator.next(5_000)) {
        fixture.send(0, record);
      }
      fixture.closeAllWindows();

      assertMatchesReference(fixture);
      assertThat(fixture.counters.snapshot().droppedLate()).isPositive();
    }
  }

  @Test
  void botHumanAndAbsentFlagAreThreeActors() {
    try (TopologyFixture fixture = new TopologyFixture(1)) {
      fixture.send(0, Events.bot(10));
      fixture.send(0, Events.human(11));
      fixture.send(0, Events.edit(12, null));
      fixture.send(0, Events.human(13));
      fixture.closeAllWindows();

      assertThat(fixture.rows())
          .containsExactly(
              row(-30, Actor.BOT, 1),
              row(-30, Actor.HUMAN, 2),
              row(-30, Actor.UNKNOWN, 1),
              row(0, Actor.BOT, 1),
              row(0, Actor.HUMAN, 2),
              row(0, Actor.UNKNOWN, 1));
      assertMatchesReference(fixture);
    }
  }

  @Test
  void nonEditsAndCanariesAreNotCountedButMoveEventTime() {
    try (TopologyFixture fixture = new TopologyFixture(1)) {
      fixture.send(0, Events.human(10));
      fixture.send(0, Events.event("categorize", 20, false, "en.wikipedia.org"));
      fixture.send(0, Events.event("log", 25, true, "en.wikipedia.org"));
      fixture.send(0, Events.canary(26));
      // A log event at 100 moves the watermark to 40, which closes [-30,30).
      fixture.send(0, Events.event("log", 100, false, "en.wikipedia.org"));

      assertThat(fixture.rows()).containsExactly(row(-30, Actor.HUMAN, 1));

      fixture.closeAllWindows();
      assertThat(fixture.rows()).containsExactly(row(-30, Actor.HUMAN, 1), row(0, Actor.HUMAN, 1));
      assertMatchesReference(fixture);
      assertThat(fixture.counters.snapshot().counted()).isEqualTo(1);
    }
  }

  /** SEMANTICS.md, example 1: one partition, out of order, a late drop. */
  @Test
  void exampleOneOfTheSemantics() {
    try (TopologyFixture fixture = new TopologyFixture(1)) {
      fixture.send(0, Events.human(10));
      fixture.send(0, Events.bot(35));
      fixture.send(0, Events.human(20));
      fixture.send(0, Events.canary(100));
      assertThat(fixture.rows()).containsExactly(row(-30, Actor.HUMAN, 2));
      fixture.send(0, Events.human(25));
      fixture.send(0, Events.human(150));
      assertThat(fixture.rows())
          .containsExactly(
              row(-30, Actor.HUMAN, 2),
              row(0, Actor.BOT, 1),
              row(0, Actor.HUMAN, 3),
              row(30, Actor.BOT, 1));
      fixture.send(0, Events.bot(15));
      assertThat(fixture.counters.snapshot().droppedLate()).isEqualTo(1);

      fixture.closeAllWindows();
      assertThat(fixture.rows())
          .endsWith(row(120, Actor.HUMAN, 1), row(150, Actor.HUMAN, 1))
          .hasSize(6);
      assertMatchesReference(fixture);
    }
  }

  /** SEMANTICS.md, example 2: a partition without data holds the watermark back. */
  @Test
  void exampleTwoOfTheSemantics() {
    try (TopologyFixture fixture = new TopologyFixture(2)) {
      fixture.send(0, Events.human(10));
      fixture.send(0, Events.canary(200));
      assertThat(fixture.rows()).isEmpty();
      fixture.send(1, Events.bot(20));
      fixture.send(1, Events.human(40));
      fixture.send(1, Events.canary(210));

      assertThat(fixture.rows())
          .containsExactly(
              row(-30, Actor.BOT, 1),
              row(-30, Actor.HUMAN, 1),
              row(0, Actor.BOT, 1),
              row(0, Actor.HUMAN, 2),
              row(30, Actor.HUMAN, 1));
      assertThat(fixture.counters.snapshot().droppedLate()).isZero();
      assertMatchesReference(fixture);
    }
  }

  /** SEMANTICS.md, example 3: an idle partition stops holding time back; its late data drops. */
  @Test
  void exampleThreeOfTheSemantics() {
    try (TopologyFixture fixture = new TopologyFixture(2)) {
      // The first idle check starts the silence clock of a partition that has had no data.
      fixture.advanceWallClock(Duration.ofSeconds(1));
      fixture.advanceWallClock(Duration.ofSeconds(5));
      fixture.send(0, Events.human(10));
      fixture.send(0, Events.canary(200));
      assertThat(fixture.rows()).isEmpty();

      // p1 has been silent for 10 s, p0 for 5 s: only p1 goes idle.
      fixture.advanceWallClock(Duration.ofSeconds(5), 1);
      assertThat(fixture.rows()).containsExactly(row(-30, Actor.HUMAN, 1), row(0, Actor.HUMAN, 1));

      fixture.send(1, Events.bot(20));
      // p1's event is behind the watermark: it is dropped once p1 hands its counts over, at the
      // latest when it goes idle again.
      fixture.advanceWallClock(Duration.ofSeconds(11), 0, 1);
      assertThat(fixture.counters.snapshot().droppedLate()).isEqualTo(1);
      assertThat(fixture.rows()).hasSize(2);
      assertMatchesReference(fixture);
    }
  }

  @Test
  void anIdlePartitionHandsOverItsOpenCountsBeforeTheOthersCloseThem() {
    try (TopologyFixture fixture = new TopologyFixture(2)) {
      fixture.send(0, Events.human(10));
      fixture.send(1, Events.bot(12));
      fixture.advanceWallClock(Duration.ofSeconds(6));
      fixture.send(0, Events.human(50));
      fixture.advanceWallClock(Duration.ofSeconds(5), 1);
      fixture.send(0, Events.canary(300));

      assertThat(fixture.rows())
          .containsExactly(
              row(-30, Actor.BOT, 1),
              row(-30, Actor.HUMAN, 1),
              row(0, Actor.BOT, 1),
              row(0, Actor.HUMAN, 2),
              row(30, Actor.HUMAN, 1));
      fixture.closeAllWindows();
      assertMatchesReference(fixture);
    }
  }

  @Test
  void twoPartitionsWithInterleavedTimeMatchTheReference() {
    try (TopologyFixture fixture = new TopologyFixture(2)) {
      RecentChangeGenerator generator =
          new RecentChangeGenerator(
              AvroSchemas.RECENT_CHANGE, 4, Instant.ofEpochSecond(T), 20, Duration.ofSeconds(30));
      Random random = new Random(4);
      for (GenericRecord record : generator.next(6_000)) {
        fixture.send(random.nextInt(2), record);
      }
      fixture.closeAllWindows();

      assertMatchesReference(fixture);
    }
  }

  /**
   * The backlog skew of the issue: one partition read to its end before the other is read at all.
   * Every event is on time in its own partition, so none may be dropped.
   */
  @Test
  void aPartitionReadLongAfterTheOtherLosesNothing() {
    try (TopologyFixture fixture = new TopologyFixture(3)) {
      RecentChangeGenerator generator =
          new RecentChangeGenerator(
              AvroSchemas.RECENT_CHANGE, 5, Instant.ofEpochSecond(T), 20, Duration.ofSeconds(20));
      List<List<GenericRecord>> byPartition =
          List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      Random random = new Random(5);
      for (GenericRecord record : generator.next(6_000)) {
        byPartition.get(random.nextInt(3)).add(record);
      }
      for (int p = 0; p < 3; p++) {
        for (GenericRecord record : byPartition.get(p)) {
          fixture.send(p, record);
        }
      }
      fixture.closeAllWindows();

      assertMatchesReference(fixture);
      assertThat(fixture.counters.snapshot().droppedLate()).isZero();
    }
  }

  @Test
  void lateDataAcrossPartitionsIsDecidedAgainstThePipelineWatermark() {
    try (TopologyFixture fixture = new TopologyFixture(2)) {
      fixture.send(0, Events.human(10));
      fixture.send(1, Events.human(10));
      fixture.send(0, Events.canary(200));
      // Late in p0 (watermark 140) but on time for the pipeline (p1 holds it at -50).
      fixture.send(0, Events.bot(15));
      fixture.send(1, Events.canary(400));
      // Now the pipeline is at 140: this one is late everywhere.
      fixture.send(1, Events.bot(16));
      fixture.closeAllWindows();

      assertThat(fixture.counters.snapshot().droppedLate()).isEqualTo(1);
      assertMatchesReference(fixture);
    }
  }

  private static WindowCount row(long startSeconds, Actor actor, long count) {
    return new WindowCount(
        Instant.ofEpochSecond(T + startSeconds),
        Instant.ofEpochSecond(T + startSeconds + 60),
        actor,
        count);
  }

  static void assertMatchesReference(TopologyFixture fixture) {
    ReferenceResult expected = fixture.reference();
    assertThat(fixture.rows()).containsExactlyElementsOf(expected.rows());
    PipelineProgress progress = fixture.counters.snapshot();
    assertThat(progress.counted()).as("counted").isEqualTo(expected.counted());
    assertThat(progress.droppedLate()).as("dropped late").isEqualTo(expected.droppedLate());
    assertThat(progress.windowsOut()).as("windows out").isEqualTo(expected.rows().size());
    assertThat(progress.recordsIn() - progress.deadLettered())
        .as("decoded records")
        .isEqualTo(expected.eventsIn());
  }
}
