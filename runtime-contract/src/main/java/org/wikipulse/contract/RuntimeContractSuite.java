package org.wikipulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.wikipulse.contract.ContractEvents.at;
import static org.wikipulse.contract.ContractEvents.canary;
import static org.wikipulse.contract.ContractEvents.edit;
import static org.wikipulse.contract.ContractEvents.ofType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.ReferenceAnalysis;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;

/**
 * The contract every runtime meets, written once. A runtime's test class extends this and returns
 * its harness from {@link #newHarness()}. Each case starts a fresh pipeline with its own registry,
 * feeds explicit batches, and compares what the runtime wrote with what the domain's {@link
 * ReferenceAnalysis} emits for the same input in the same order.
 */
public abstract class RuntimeContractSuite {
  /** The output subject every case registers its output schema under. */
  public static final String OUTPUT_SUBJECT = "wikimedia.processed-value";

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final WindowSpec DEFAULT = WindowSpec.DEFAULT;

  private RuntimeHarness harness;

  /** A new, unstarted harness for the runtime under test. */
  protected abstract RuntimeHarness newHarness();

  @AfterEach
  void closeHarness() {
    if (harness != null) {
      harness.close();
      harness = null;
    }
  }

  private RuntimeHarness harness() {
    if (harness == null) {
      harness = newHarness();
    }
    return harness;
  }

  private void requires(Capability capability) {
    String reason = harness().unsupported().get(capability);
    assumeFalse(reason != null, () -> "runtime lacks " + capability + ": " + reason);
  }

  private Scenario start(WindowSpec windows, int partitions) {
    return start(windows, partitions, LateEvents.COUNT);
  }

  private Scenario start(WindowSpec windows, int partitions, LateEvents lateEvents) {
    String name = "contract-" + UUID.randomUUID();
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.named(name);
    ConfluentWireCodecs codecs =
        new ConfluentWireCodecs(new InMemoryRegistryConnector(name), OUTPUT_SUBJECT);
    harness()
        .start(
            new ContractPipeline(
                name, windows, partitions, IDLE_TIMEOUT, codecs, registry, lateEvents));
    return new Scenario(
        harness(), new ContractRecords(registry), new ReferenceAnalysis(windows, partitions));
  }

  private void assertSameAsReference(Scenario scenario) {
    List<WindowCount> rows = harness.results().stream().sorted(WindowCount.ORDER).toList();
    assertThat(rows).as("output rows").containsExactlyElementsOf(scenario.referenceRows());
    PipelineProgress counters = harness.counters();
    assertThat(counters.recordsIn()).as("records in").isEqualTo(scenario.fed());
    assertThat(counters.deadLettered()).as("dead-lettered").isEqualTo(scenario.bad());
    assertThat(counters.windowsOut()).as("windows out").isEqualTo(rows.size());
  }

  /** Edits at the given seconds, about a fifth by bots and a few without a bot flag. */
  private static List<EditEvent> mixedEdits(long seed, long fromSecond, int count, int step) {
    Random random = new Random(seed);
    List<EditEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int who = random.nextInt(20);
      Boolean bot = who < 4 ? Boolean.TRUE : who < 19 ? Boolean.FALSE : null;
      events.add(edit(fromSecond + (long) i * step, bot));
    }
    return events;
  }

  private static long totalCount(List<WindowCount> rows) {
    return rows.stream().mapToLong(WindowCount::count).sum();
  }

  /**
   * Purpose: the basic promise. Input: 120 edits a second apart in one partition, in three batches,
   * then a canary far ahead. Pass: every window with exactly the reference's counts, and every edit
   * counted in both of its windows.
   */
  @Test
  void inOrderStreamGivesExactCounts() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.feedInBatches(mixedEdits(1, 0, 120, 1), 40);
    scenario.advanceAllPartitionsTo(600, 1);

    assertSameAsReference(scenario);
    assertThat(totalCount(harness.results())).isEqualTo(120L * 2);
  }

  /**
   * Purpose: disorder within the allowed lateness changes nothing. Input: the edits of the in-order
   * case, each delayed by up to 59 s (less than the 60 s lateness) and fed in that order. Pass: the
   * reference's rows, nothing dropped, every edit counted twice.
   */
  @Test
  void shuffledWithinTheLatenessGivesTheSameOutput() {
    List<EditEvent> events = new ArrayList<>(mixedEdits(2, 0, 120, 1));
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
    assertThat(totalCount(harness.results())).isEqualTo(120L * 2);
  }

  /**
   * Purpose: data later than the lateness is dropped. Input: edits at 0-50 s; a canary at 300 s in
   * a later batch (watermark 240 s); then, in a later batch still, three edits whose windows all
   * end by 150 s. Pass: the reference's rows, which do not include the late edits.
   */
  @Test
  void recordsLaterThanTheLatenessAreDropped() {
    Scenario scenario = lateScenario();

    assertSameAsReference(scenario);
    assertThat(scenario.reference().droppedLate()).isEqualTo(3);
    assertThat(totalCount(harness.results())).isEqualTo(51L * 2);
    assertThat(harness.deadLetters()).as("late events are only counted by default").isEmpty();
  }

  /**
   * Purpose: with {@code late-events: dead-letter} what the watermark drops is visible. Input: as
   * {@link #recordsLaterThanTheLatenessAreDropped()}, with late events dead-lettered. Pass: the
   * reference's rows; exactly the three late edits in the dead-letter output, each once, as they
   * were written, with reason LATE, their own event time, and the watermark they missed (the canary
   * at 300 s minus the 60 s lateness), both as ISO-8601 instants; the dead-lettered counter says 3.
   */
  @Test
  void lateEventsAreDeadLetteredWithTheWatermarkTheyMissed() {
    requires(Capability.LATE_EVENTS_DEAD_LETTERED);
    Scenario scenario = start(DEFAULT, 1, LateEvents.DEAD_LETTER);
    scenario.feedInBatches(mixedEdits(3, 0, 51, 1), 51);
    scenario.batch().v1(0, canary(300)).feed();
    List<EditEvent> late = List.of(edit(10, true), edit(20, false), edit(89, false));
    Scenario.Batch lateBatch = scenario.batch();
    late.forEach(event -> lateBatch.v1(0, event));
    lateBatch.feed();
    scenario.advanceAllPartitionsTo(900, 1);

    List<WindowCount> rows = harness.results().stream().sorted(WindowCount.ORDER).toList();
    assertThat(rows).as("output rows").containsExactlyElementsOf(scenario.referenceRows());
    assertThat(scenario.reference().droppedLate()).isEqualTo(3);
    List<ContractDeadLetter> deadLetters = harness.deadLetters();
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
    PipelineProgress counters = harness.counters();
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
  void lateDropsAreCountedAsTheReferenceCountsThem() {
    requires(Capability.EXACT_EVENT_COUNTERS);
    Scenario scenario = lateScenario();

    PipelineProgress counters = harness.counters();
    assertThat(counters.droppedLate()).isEqualTo(scenario.reference().droppedLate()).isEqualTo(3);
    assertThat(counters.counted()).isEqualTo(scenario.reference().counted()).isEqualTo(51);
  }

  private Scenario lateScenario() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.feedInBatches(mixedEdits(3, 0, 51, 1), 51);
    scenario.batch().v1(0, canary(300)).feed();
    scenario.batch().v1(0, edit(10, true)).v1(0, edit(20, false)).v1(0, edit(89, false)).feed();
    scenario.advanceAllPartitionsTo(900, 1);
    return scenario;
  }

  /**
   * Purpose: who made an edit. Input: Bot, Human, and flagless edits in the same windows. Pass: a
   * Bot, a Human and an Unknown row per window with the reference's counts; no null actor.
   */
  @Test
  void botHumanAndUnknownAreCountedApart() {
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
    assertThat(harness.results())
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
  void nonEditAndCanaryEventsAreNotCountedButAdvanceTime() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.feedInBatches(mixedEdits(5, 0, 11, 1), 11);
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
    assertThat(totalCount(harness.results())).isEqualTo(11L * 2);
  }

  /**
   * Purpose: window edges. Input: a Human edit at 29 s, a Bot edit at exactly 30 s, then a Human
   * edit at 600 s after a long gap. Pass: the Bot edit is in [0,60) and [30,90) but not [-30,30);
   * no row for the empty windows in the gap; all equal to the reference.
   */
  @Test
  void anEventAtAWindowEndBelongsToTheNextWindowAndEmptyWindowsWriteNothing() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.batch().v1(0, edit(29, false)).v1(0, edit(30, true)).feed();
    scenario.batch().v1(0, edit(600, false)).feed();
    scenario.advanceAllPartitionsTo(1200, 1);

    assertSameAsReference(scenario);
    assertThat(harness.results())
        .containsExactlyInAnyOrder(
            new WindowCount(at(-30), at(30), Actor.HUMAN, 1),
            new WindowCount(at(0), at(60), Actor.HUMAN, 1),
            new WindowCount(at(0), at(60), Actor.BOT, 1),
            new WindowCount(at(30), at(90), Actor.BOT, 1),
            new WindowCount(at(570), at(630), Actor.HUMAN, 1),
            new WindowCount(at(600), at(660), Actor.HUMAN, 1));
  }

  /**
   * Purpose: producers may evolve their schema mid-stream. Input: edits under the v1 writer schema,
   * then under v2 (an added field with a default), then v1 again. Pass: every edit decoded and
   * counted, as the reference counts them; no dead letter.
   */
  @Test
  void schemaEvolutionMidStreamLosesNothing() {
    Scenario scenario = start(DEFAULT, 1);
    Scenario.Batch first = scenario.batch();
    mixedEdits(7, 0, 10, 1).forEach(e -> first.v1(0, e));
    first.feed();
    Scenario.Batch second = scenario.batch();
    mixedEdits(8, 10, 10, 1).forEach(e -> second.v2(0, e));
    second.feed();
    Scenario.Batch third = scenario.batch();
    mixedEdits(9, 20, 10, 1).forEach(e -> third.v1(0, e));
    third.feed();
    scenario.advanceAllPartitionsTo(600, 1);

    assertSameAsReference(scenario);
    assertThat(totalCount(harness.results())).isEqualTo(30L * 2);
    assertThat(harness.deadLetters()).isEmpty();
  }

  /**
   * Purpose: bad input goes to the dead-letter output with its reason, once, and the stream goes
   * on. Input: good edits around an empty value, a bad magic byte, an unknown schema id, a
   * truncated Avro body and a record without event time. Pass: exactly one dead letter per bad
   * record, with its reason and its original bytes; the good edits give the reference's rows.
   */
  @Test
  void badInputIsDeadLetteredOnceWithItsReason() {
    Scenario scenario = start(DEFAULT, 1);
    ContractRecords records = scenario.records();
    byte[] empty = ContractRecords.emptyValue();
    byte[] badMagic = records.badMagicByte(edit(3, true));
    byte[] unknownId = records.unknownSchemaId(edit(4, true));
    byte[] truncated = records.truncatedAvro(edit(5, true));
    byte[] noTime = records.missingEventTime(edit(6, true));
    scenario
        .batch()
        .v1(0, edit(1, false))
        .bad(0, empty)
        .v1(0, edit(2, true))
        .bad(0, badMagic)
        .bad(0, unknownId)
        .v1(0, edit(7, false))
        .bad(0, truncated)
        .bad(0, noTime)
        .v1(0, edit(8, null))
        .feed();
    scenario.advanceAllPartitionsTo(300, 1);

    assertSameAsReference(scenario);
    Map<DeadLetterReason, byte[]> expected = new EnumMap<>(DeadLetterReason.class);
    expected.put(DeadLetterReason.EMPTY_VALUE, empty);
    expected.put(DeadLetterReason.BAD_MAGIC_BYTE, badMagic);
    expected.put(DeadLetterReason.UNKNOWN_SCHEMA_ID, unknownId);
    expected.put(DeadLetterReason.UNDECODABLE_AVRO, truncated);
    expected.put(DeadLetterReason.MISSING_EVENT_TIME, noTime);
    List<ContractDeadLetter> deadLetters = harness.deadLetters();
    assertThat(deadLetters).hasSize(expected.size());
    assertThat(deadLetters)
        .extracting(ContractDeadLetter::reason)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (ContractDeadLetter deadLetter : deadLetters) {
      assertThat(deadLetter.value()).isEqualTo(expected.get(deadLetter.reason()));
      assertThat(deadLetter.message()).isNotBlank();
    }
  }

  /**
   * Purpose: several partitions whose event times interleave. Input: edits spread over two
   * partitions, fed in batches that mix both, each partition in time order and within the lateness
   * of the other; then a canary on each. Pass: the reference's rows, nothing dropped.
   */
  @Test
  void twoPartitionsWithInterleavedTime() {
    assertInterleavedPartitions(2);
  }

  /** Purpose, input and pass as {@link #twoPartitionsWithInterleavedTime()}, on four partitions. */
  @Test
  void fourPartitionsWithInterleavedTime() {
    assertInterleavedPartitions(4);
  }

  private void assertInterleavedPartitions(int partitions) {
    Scenario scenario = start(DEFAULT, partitions);
    Random random = new Random(partitions);
    int perBatch = 30;
    for (int batchStart = 0; batchStart < 150; batchStart += perBatch) {
      Scenario.Batch batch = scenario.batch();
      for (int second = batchStart; second < batchStart + perBatch; second++) {
        int partition = random.nextInt(partitions);
        Boolean bot = random.nextInt(5) == 0;
        batch.v1(partition, edit(second, bot));
      }
      batch.feed();
    }
    scenario.advanceAllPartitionsTo(600, partitions);

    assertSameAsReference(scenario);
    assertThat(scenario.reference().droppedLate()).isZero();
    assertThat(totalCount(harness.results())).isEqualTo(150L * 2);
  }

  /**
   * Purpose: the window spec is configuration, not code. Input: edits a second apart under 10 s
   * windows sliding every 5 s with no lateness. Pass: the reference's rows, each edit in two
   * windows.
   */
  @Test
  void shortWindowsWithoutLatenessGiveTheReferenceAnswer() {
    WindowSpec spec = new WindowSpec(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO);
    Scenario scenario = start(spec, 1);
    scenario.feedInBatches(mixedEdits(10, 0, 60, 1), 20);
    scenario.advanceAllPartitionsTo(300, 1);

    assertSameAsReference(scenario);
    assertThat(totalCount(harness.results())).isEqualTo(60L * 2);
  }

  /**
   * Purpose: long windows. Input: edits 7 s apart over 20 minutes under 5 min windows sliding every
   * minute with 2 min lateness. Pass: the reference's rows, each edit in five windows.
   */
  @Test
  void fiveMinuteWindowsSlidingEveryMinuteGiveTheReferenceAnswer() {
    WindowSpec spec =
        new WindowSpec(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(2));
    Scenario scenario = start(spec, 1);
    scenario.feedInBatches(mixedEdits(11, 0, 172, 7), 43);
    scenario.advanceAllPartitionsTo(3600, 1);

    assertSameAsReference(scenario);
    assertThat(totalCount(harness.results())).isEqualTo(172L * 5);
  }

  /**
   * Purpose: exactly-once output: a batch read again after a crash between its output and the
   * record of its input writes nothing twice. Input: 60 edits a second apart; then 60 more with a
   * canary at 300 s, which closes windows, in one batch; the runtime crashes after writing that
   * batch and reads it again; then a canary far ahead. Pass: the reference's rows, each written
   * once, and every record counted once.
   */
  @Test
  void aBatchReadAgainAfterACrashWritesNothingTwice() {
    requires(Capability.EXACTLY_ONCE_OUTPUT);
    Scenario scenario = start(DEFAULT, 1);
    List<EditEvent> edits = mixedEdits(12, 0, 120, 1);
    scenario.feedInBatches(edits.subList(0, 60), 60);
    Scenario.Batch closing = scenario.batch();
    edits.subList(60, 120).forEach(edit -> closing.v1(0, edit));
    closing.v1(0, canary(300)).feed();
    assertThat(harness.results()).as("rows written by the batch read again").isNotEmpty();

    harness.replayLastBatch();
    scenario.advanceAllPartitionsTo(900, 1);

    assertSameAsReference(scenario);
    assertThat(totalCount(harness.results())).isEqualTo(120L * 2);
  }

  /**
   * Purpose: SEMANTICS.md example 1, one record per batch. Input: Human 10, Bot 35, Human 20,
   * canary 100, Human 25, Human 150, Bot 15. Pass: [-30,30) Human 2, [0,60) Bot 1, [0,60) Human 3,
   * [30,90) Bot 1, as the reference; the Bot at 15 is dropped.
   */
  @Test
  void semanticsExample1RecordByRecord() {
    Scenario scenario = start(DEFAULT, 1);
    scenario.feedOneByOne(example1());

    assertSameAsReference(scenario);
    assertThat(harness.results())
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
  void lateBehindAnEarlierRecordOfTheSameBatch() {
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

  /**
   * Purpose: SEMANTICS.md example 2: a partition behind the other by more than the lateness loses
   * nothing. Input: p0 Human 10, p0 canary 200, p1 Bot 20, p1 Human 40, p1 canary 210, one record
   * per batch. Pass: [-30,30) Bot 1 and Human 1, [0,60) Bot 1 and Human 2, [30,90) Human 1.
   */
  @Test
  void semanticsExample2APartitionBehindLosesNothing() {
    requires(Capability.PER_PARTITION_WATERMARK);
    Scenario scenario = start(DEFAULT, 2);
    scenario.batch().v1(0, edit(10, false)).feed();
    scenario.batch().v1(0, canary(200)).feed();
    scenario.batch().v1(1, edit(20, true)).feed();
    scenario.batch().v1(1, edit(40, false)).feed();
    scenario.batch().v1(1, canary(210)).feed();

    assertSameAsReference(scenario);
    assertThat(harness.results())
        .containsExactlyInAnyOrder(
            new WindowCount(at(-30), at(30), Actor.BOT, 1),
            new WindowCount(at(-30), at(30), Actor.HUMAN, 1),
            new WindowCount(at(0), at(60), Actor.BOT, 1),
            new WindowCount(at(0), at(60), Actor.HUMAN, 2),
            new WindowCount(at(30), at(90), Actor.HUMAN, 1));
  }

  /**
   * Purpose: SEMANTICS.md example 3: an idle partition stops holding time back, and the watermark
   * never moves back. Input: p0 Human 10, p0 canary 200, p1 idle, then p1 Bot 20. Pass: [-30,30)
   * Human 1 and [0,60) Human 1 written once p1 is idle; the Bot at 20 is dropped.
   */
  @Test
  void semanticsExample3AnIdlePartition() {
    requires(Capability.IDLE_PARTITIONS);
    Scenario scenario = start(DEFAULT, 2);
    scenario.batch().v1(0, edit(10, false)).feed();
    scenario.batch().v1(0, canary(200)).feed();
    scenario.markIdle(1);
    scenario.batch().v1(1, edit(20, true)).feed();

    assertSameAsReference(scenario);
    assertThat(harness.results())
        .containsExactlyInAnyOrder(
            new WindowCount(at(-30), at(30), Actor.HUMAN, 1),
            new WindowCount(at(0), at(60), Actor.HUMAN, 1));
    assertThat(scenario.reference().droppedLate()).isEqualTo(1);
  }
}
