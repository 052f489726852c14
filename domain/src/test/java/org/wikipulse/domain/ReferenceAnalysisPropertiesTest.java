package org.wikipulse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ReferenceAnalysisPropertiesTest {
  private static final WindowSpec SPEC = WindowSpec.DEFAULT;

  /** Edits at increasing times, 0 to 3 s apart, a mix of Bot, Human and Unknown. */
  private static List<EditEvent> inOrder(Random random, int count) {
    List<EditEvent> events = new ArrayList<>();
    long millis = 0;
    for (int i = 0; i < count; i++) {
      millis += random.nextInt(3_000);
      int who = random.nextInt(10);
      Boolean bot = who < 2 ? Boolean.TRUE : who < 9 ? Boolean.FALSE : null;
      EditEvent base = Events.edit(0, bot);
      events.add(withTime(base, Events.T.plusMillis(millis)));
    }
    return events;
  }

  private static EditEvent withTime(EditEvent e, java.time.Instant time) {
    return new EditEvent(
        e.id(),
        e.type(),
        e.wiki(),
        e.serverName(),
        e.title(),
        e.namespace(),
        e.user(),
        e.bot(),
        e.minor(),
        e.oldLength(),
        e.newLength(),
        e.oldRevision(),
        e.newRevision(),
        time,
        e.metaDomain());
  }

  private static List<ReferenceInput> onePartition(List<EditEvent> events) {
    return events.stream().<ReferenceInput>map(e -> new ReferenceInput.Event(0, e)).toList();
  }

  @Property(tries = 50)
  void inOrderInputCountsEveryEditInEachOfItsWindows(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int count) {
    List<EditEvent> events = inOrder(new Random(seed), count);

    ReferenceResult result = ReferenceResult.of(SPEC, 1, onePartition(events));

    long total = result.rows().stream().mapToLong(WindowCount::count).sum();
    assertThat(total).isEqualTo((long) count * SPEC.windowsPerEvent());
    assertThat(result.droppedLate()).isZero();
    assertThat(result.counted()).isEqualTo(count);
  }

  @Property(tries = 50)
  void everyRowIsEmittedOnceAndInWindowOrder(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int count) {
    ReferenceResult result =
        ReferenceResult.of(SPEC, 1, onePartition(inOrder(new Random(seed), count)));

    Set<String> keys = new HashSet<>();
    for (WindowCount row : result.rows()) {
      assertThat(keys.add(row.windowStart() + "/" + row.actor())).as("emitted once").isTrue();
    }
    assertThat(result.rows()).isSortedAccordingTo(WindowCount.ORDER);
  }

  @Property(tries = 50)
  void shufflingWithinTheAllowedLatenessChangesNothing(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int count) {
    Random random = new Random(seed);
    List<EditEvent> events = inOrder(random, count);
    long latenessMs = SPEC.allowedLateness().toMillis();
    // Arrival order by time plus a delay of at most the lateness: each event is then no further
    // behind the maximum seen than the lateness allows.
    Map<EditEvent, Long> arrival = new HashMap<>();
    for (EditEvent e : events) {
      arrival.put(e, e.eventTime().toEpochMilli() + (long) (random.nextDouble() * latenessMs));
    }
    List<EditEvent> shuffled = new ArrayList<>(events);
    shuffled.sort(Comparator.comparing(arrival::get));

    ReferenceResult ordered = ReferenceResult.of(SPEC, 1, onePartition(events));
    ReferenceResult disordered = ReferenceResult.of(SPEC, 1, onePartition(shuffled));

    assertThat(disordered.sortedRows()).isEqualTo(ordered.sortedRows());
    assertThat(disordered.droppedLate()).isZero();
  }

  @Property(tries = 50)
  void eventsBehindEveryOpenWindowAreDroppedAndCounted(
      @ForAll @LongRange(min = 0, max = 10_000) long aheadSeconds,
      @ForAll @IntRange(min = 1, max = 20) int lateEvents) {
    ReferenceAnalysis analysis = new ReferenceAnalysis(SPEC, 1);
    long lead = 200 + aheadSeconds;
    analysis.accept(0, Events.canary(lead));
    // An event at t belongs to windows ending at most t + size; it is late when that is at or
    // before the watermark, lead - lateness.
    long latest = lead - SPEC.allowedLateness().toSeconds() - SPEC.size().toSeconds();
    for (int i = 0; i < lateEvents; i++) {
      analysis.accept(0, Events.edit(latest - i, true));
    }

    assertThat(analysis.droppedLate()).isEqualTo(lateEvents);
    assertThat(analysis.counted()).isZero();
    assertThat(analysis.flush()).isEmpty();
  }

  @Property(tries = 50)
  void anyInterleavingOfPartitionsGivesTheSameRows(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 300) int count,
      @ForAll @IntRange(min = 2, max = 4) int partitions) {
    Random random = new Random(seed);
    List<List<EditEvent>> perPartition = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      perPartition.add(inOrder(random, count));
    }
    List<ReferenceInput> partitionAfterPartition = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      for (EditEvent e : perPartition.get(p)) {
        partitionAfterPartition.add(new ReferenceInput.Event(p, e));
      }
    }
    List<ReferenceInput> randomInterleaving = new ArrayList<>();
    int[] next = new int[partitions];
    int remaining = partitions * count;
    while (remaining > 0) {
      int p = random.nextInt(partitions);
      if (next[p] < count) {
        randomInterleaving.add(new ReferenceInput.Event(p, perPartition.get(p).get(next[p]++)));
        remaining--;
      }
    }

    ReferenceResult sequential = ReferenceResult.of(SPEC, partitions, partitionAfterPartition);
    ReferenceResult interleaved = ReferenceResult.of(SPEC, partitions, randomInterleaving);

    assertThat(interleaved.sortedRows()).isEqualTo(sequential.sortedRows());
    assertThat(sequential.droppedLate()).isZero();
    assertThat(interleaved.droppedLate()).isZero();
    long total = interleaved.rows().stream().mapToLong(WindowCount::count).sum();
    assertThat(total).isEqualTo((long) partitions * count * SPEC.windowsPerEvent());
  }

  @Property(tries = 30)
  void aNonDefaultSpecCountsEveryEditInEachOfItsWindows(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int count) {
    WindowSpec spec = new WindowSpec(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO);
    List<EditEvent> events = inOrder(new Random(seed), count);

    ReferenceResult result = ReferenceResult.of(spec, 1, onePartition(events));

    long total = result.rows().stream().mapToLong(WindowCount::count).sum();
    assertThat(total).isEqualTo((long) count * spec.windowsPerEvent());
  }
}
