package org.wikipulse.contract;

import org.junit.jupiter.api.AfterEach;
import org.wikipulse.domain.ReferenceAnalysis;

/**
 * The contract every runtime meets, written once. A runtime's test class extends this and returns
 * its harness from {@link #newHarness()}. Each case starts a fresh pipeline with its own registry,
 * feeds explicit batches, and compares what the runtime wrote with what the domain's {@link
 * ReferenceAnalysis} emits for the same input in the same order.
 *
 * <p>The cases live by topic, one interface each whose default methods are the cases: {@link
 * CountingCases}, {@link LatenessCases}, {@link PartitionCases}, {@link InputCases}. To add a case,
 * add a default {@code @Test} method with its purpose, input and pass condition to the interface of
 * its topic; a new topic is an interface extending {@link ContractCase}, added to this class's
 * {@code implements} list. A case a runtime cannot pass names the {@link Capability} it needs, and
 * the runtime's harness says why it lacks it.
 */
public abstract class RuntimeContractSuite
    implements CountingCases, LatenessCases, PartitionCases, InputCases, DeliveryCases {
  /** The output subject every case registers its output schema under. */
  public static final String OUTPUT_SUBJECT = ContractCase.OUTPUT_SUBJECT;

  private RuntimeHarness harness;

  /** A new, unstarted harness for the runtime under test. */
  protected abstract RuntimeHarness newHarness();

  @Override
  public RuntimeHarness harness() {
    if (harness == null) {
      harness = newHarness();
    }
    return harness;
  }

  @AfterEach
  void closeHarness() {
    if (harness != null) {
      harness.close();
      harness = null;
    }
  }
}
