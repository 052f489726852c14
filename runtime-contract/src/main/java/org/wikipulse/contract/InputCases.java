package org.wikipulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.contract.ContractEvents.edit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikipulse.ports.DeadLetterReason;

/**
 * What producers write: schema evolution mid-stream, and bad input dead-lettered with its reason.
 */
public interface InputCases extends ContractCase {

  /**
   * Purpose: producers may evolve their schema mid-stream. Input: edits under the v1 writer schema,
   * then under v2 (an added field with a default), then v1 again. Pass: every edit decoded and
   * counted, as the reference counts them; no dead letter.
   */
  @Test
  default void schemaEvolutionMidStreamLosesNothing() {
    Scenario scenario = start(DEFAULT, 1);
    Scenario.Batch first = scenario.batch();
    ContractCase.mixedEdits(7, 0, 10, 1).forEach(e -> first.v1(0, e));
    first.feed();
    Scenario.Batch second = scenario.batch();
    ContractCase.mixedEdits(8, 10, 10, 1).forEach(e -> second.v2(0, e));
    second.feed();
    Scenario.Batch third = scenario.batch();
    ContractCase.mixedEdits(9, 20, 10, 1).forEach(e -> third.v1(0, e));
    third.feed();
    scenario.advanceAllPartitionsTo(600, 1);

    assertSameAsReference(scenario);
    assertThat(ContractCase.totalCount(harness().results())).isEqualTo(30L * 2);
    assertThat(harness().deadLetters()).isEmpty();
  }

  /**
   * Purpose: bad input goes to the dead-letter output with its reason, once, and the stream goes
   * on. Input: good edits around an empty value, a bad magic byte, an unknown schema id, a
   * truncated Avro body and a record without event time. Pass: exactly one dead letter per bad
   * record, with its reason and its original bytes; the good edits give the reference's rows.
   */
  @Test
  default void badInputIsDeadLetteredOnceWithItsReason() {
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
    List<ContractDeadLetter> deadLetters = harness().deadLetters();
    assertThat(deadLetters).hasSize(expected.size());
    assertThat(deadLetters)
        .extracting(ContractDeadLetter::reason)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (ContractDeadLetter deadLetter : deadLetters) {
      assertThat(deadLetter.value()).isEqualTo(expected.get(deadLetter.reason()));
      assertThat(deadLetter.message()).isNotBlank();
    }
  }
}
