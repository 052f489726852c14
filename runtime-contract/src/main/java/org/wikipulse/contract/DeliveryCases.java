package org.wikipulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.contract.ContractEvents.canary;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikipulse.domain.EditEvent;

/** Delivery: what a runtime writes when it reads input again after a crash. */
public interface DeliveryCases extends ContractCase {

  /**
   * Purpose: exactly-once output: a batch read again after a crash between its output and the
   * record of its input writes nothing twice. Input: 60 edits a second apart; then 60 more with a
   * canary at 300 s, which closes windows, in one batch; the runtime crashes after writing that
   * batch and reads it again; then a canary far ahead. Pass: the reference's rows, each written
   * once, and every record counted once.
   */
  @Test
  default void aBatchReadAgainAfterACrashWritesNothingTwice() {
    requires(Capability.EXACTLY_ONCE_OUTPUT);
    Scenario scenario = start(DEFAULT, 1);
    List<EditEvent> edits = ContractCase.mixedEdits(12, 0, 120, 1);
    scenario.feedInBatches(edits.subList(0, 60), 60);
    Scenario.Batch closing = scenario.batch();
    edits.subList(60, 120).forEach(edit -> closing.v1(0, edit));
    closing.v1(0, canary(300)).feed();
    assertThat(harness().results()).as("rows written by the batch read again").isNotEmpty();

    harness().replayLastBatch();
    scenario.advanceAllPartitionsTo(900, 1);

    assertSameAsReference(scenario);
    assertThat(ContractCase.totalCount(harness().results())).isEqualTo(120L * 2);
  }
}
