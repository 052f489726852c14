package org.wikipulse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two-stage form ({@link PartitionStage} per source, one {@link MergeStage}) against the
 * record-at-a-time {@link ReferenceAnalysis}: the form both runtimes run must give the reference's
 * rows and counters.
 */
class TwoStageAnalysisTest {

  /** Stages for every source and the merge, fed as a runtime feeds them. */
  private static final class TwoStages {
    final List<PartitionStage> sources = new ArrayList<>();
    final MergeStage merge;
    final List<WindowCount> rows = new ArrayList<>();
    final List<List<StageMessage>> pending = new ArrayList<>();

    TwoStages(WindowSpec spec, int partitions) {
      merge = new MergeStage(spec, partitions);
      for (int p = 0; p < partitions; p++) {
        sources.add(new PartitionStage(p, spec));
        pending.add(new ArrayList<>());
      }
    }

    void accept(int partition, EditEvent event) {
      sources.get(partition).accept(event, pending.get(partition));
    }

    void markIdle(int partition) {
      sources.get(partition).goIdle(pending.get(partition));
    }

    /** Delivers what each source made, source by source, as a micro-batch runtime would. */
    void deliver() {
      for (List<StageMessage> messages : pending) {
        for (StageMessage message : messages) {
          rows.addAll(merge.accept(message));
        }
        messages.clear();
      }
    }
  }

  /**
   * Purpose: the stages equal the reference record by record, idleness and lateness included.
   * Input: 300 random inputs over 1-4 partitions: edits and other events with times going forward
   * by up to 20 s and back by up to 3 minutes (so that some are late in their partition and some
   * only in the pipeline), and idle marks; then a canary far ahead on each. Pass: the same rows,
   * counted and dropped-late.
   */
  @Test
  void messagesDeliveredAfterEachRecordGiveTheReferenceAnswer() {
    for (int seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      int partitions = 1 + random.nextInt(4);
      WindowSpec spec = seed % 3 == 0 ? shortSpec() : WindowSpec.DEFAULT;
      ReferenceAnalysis reference = new ReferenceAnalysis(spec, partitions);
      TwoStages stages = new TwoStages(spec, partitions);
      List<WindowCount> expected = new ArrayList<>();
      long[] clock = new long[partitions];
      for (int step = 0; step < 200; step++) {
        int partition = random.nextInt(partitions);
        if (random.nextInt(40) == 0) {
          expected.addAll(reference.markIdle(partition));
          stages.markIdle(partition);
        } else {
          EditEvent event = nextEvent(random, clock, partition);
          expected.addAll(reference.accept(partition, event));
          stages.accept(partition, event);
        }
        stages.deliver();
      }
      // The merge decides counted and dropped-late as windows close: close them all.
      for (int p = 0; p < partitions; p++) {
        expected.addAll(reference.accept(p, Events.canary(1_000_000)));
        stages.accept(p, Events.canary(1_000_000));
      }
      stages.deliver();
      assertThat(sorted(stages.rows)).as("seed %d", seed).isEqualTo(sorted(expected));
      assertThat(stages.merge.counted())
          .as("counted, seed %d", seed)
          .isEqualTo(reference.counted());
      assertThat(stages.merge.droppedLate())
          .as("dropped late, seed %d", seed)
          .isEqualTo(reference.droppedLate());
    }
  }

  /**
   * Purpose: a micro-batch runtime delivers one batch's messages source after source, not in the
   * order the records were read. Input: 100 random inputs over 2-4 partitions, each partition's
   * times within the lateness of the others (so no record is late in any order), in batches of 1 to
   * 50 records. Pass: the reference's rows and counters, nothing dropped.
   */
  @Test
  void messagesDeliveredPerBatchGiveTheReferenceAnswer() {
    for (int seed = 0; seed < 100; seed++) {
      Random random = new Random(seed);
      int partitions = 2 + random.nextInt(3);
      ReferenceAnalysis reference = new ReferenceAnalysis(WindowSpec.DEFAULT, partitions);
      TwoStages stages = new TwoStages(WindowSpec.DEFAULT, partitions);
      List<WindowCount> expected = new ArrayList<>();
      int batch = 1 + random.nextInt(50);
      for (int second = 0; second < 600; second++) {
        int partition = random.nextInt(partitions);
        EditEvent event = Events.edit(second, random.nextInt(5) == 0);
        expected.addAll(reference.accept(partition, event));
        stages.accept(partition, event);
        if (second % batch == 0) {
          stages.deliver();
        }
      }
      for (int p = 0; p < partitions; p++) {
        expected.addAll(reference.accept(p, Events.canary(10_000)));
        stages.accept(p, Events.canary(10_000));
      }
      stages.deliver();
      assertThat(sorted(stages.rows)).as("seed %d", seed).isEqualTo(sorted(expected));
      assertThat(reference.droppedLate()).isZero();
      assertThat(stages.merge.counted()).isEqualTo(reference.counted()).isEqualTo(600);
    }
  }

  private static WindowSpec shortSpec() {
    return new WindowSpec(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(3));
  }

  private static EditEvent nextEvent(Random random, long[] clock, int partition) {
    clock[partition] += random.nextInt(20);
    long second = clock[partition] - (random.nextInt(6) == 0 ? random.nextInt(180) : 0);
    int kind = random.nextInt(10);
    if (kind == 0) {
      return Events.canary(second);
    }
    if (kind == 1) {
      return Events.ofType(second, "log");
    }
    return Events.edit(second, kind < 4 ? Boolean.TRUE : kind < 9 ? Boolean.FALSE : null);
  }

  private static List<WindowCount> sorted(List<WindowCount> rows) {
    return rows.stream().sorted(WindowCount.ORDER).toList();
  }
}
