package org.wikipulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.contract.ContractEvents.at;
import static org.wikipulse.contract.ContractEvents.canary;
import static org.wikipulse.contract.ContractEvents.edit;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.WindowCount;

/** Several partitions: interleaved event time, a partition behind the others, an idle partition. */
public interface PartitionCases extends ContractCase {

  /**
   * Purpose: several partitions whose event times interleave. Input: edits spread over two
   * partitions, fed in batches that mix both, each partition in time order and within the lateness
   * of the other; then a canary on each. Pass: the reference's rows, nothing dropped.
   */
  @Test
  default void twoPartitionsWithInterleavedTime() {
    assertInterleavedPartitions(2);
  }

  /** Purpose, input and pass as {@link #twoPartitionsWithInterleavedTime()}, on four partitions. */
  @Test
  default void fourPartitionsWithInterleavedTime() {
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
    assertThat(ContractCase.totalCount(harness().results())).isEqualTo(150L * 2);
  }

  /**
   * Purpose: SEMANTICS.md example 2: a partition behind the other by more than the lateness loses
   * nothing. Input: p0 Human 10, p0 canary 200, p1 Bot 20, p1 Human 40, p1 canary 210, one record
   * per batch. Pass: [-30,30) Bot 1 and Human 1, [0,60) Bot 1 and Human 2, [30,90) Human 1.
   */
  @Test
  default void semanticsExample2APartitionBehindLosesNothing() {
    requires(Capability.PER_PARTITION_WATERMARK);
    Scenario scenario = start(DEFAULT, 2);
    scenario.batch().v1(0, edit(10, false)).feed();
    scenario.batch().v1(0, canary(200)).feed();
    scenario.batch().v1(1, edit(20, true)).feed();
    scenario.batch().v1(1, edit(40, false)).feed();
    scenario.batch().v1(1, canary(210)).feed();

    assertSameAsReference(scenario);
    assertThat(harness().results())
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
  default void semanticsExample3AnIdlePartition() {
    requires(Capability.IDLE_PARTITIONS);
    Scenario scenario = start(DEFAULT, 2);
    scenario.batch().v1(0, edit(10, false)).feed();
    scenario.batch().v1(0, canary(200)).feed();
    scenario.markIdle(1);
    scenario.batch().v1(1, edit(20, true)).feed();

    assertSameAsReference(scenario);
    assertThat(harness().results())
        .containsExactlyInAnyOrder(
            new WindowCount(at(-30), at(30), Actor.HUMAN, 1),
            new WindowCount(at(0), at(60), Actor.HUMAN, 1));
    assertThat(scenario.reference().droppedLate()).isEqualTo(1);
  }
}
