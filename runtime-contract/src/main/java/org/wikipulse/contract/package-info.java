/**
 * The cross-runtime contract suite, written once and run against every runtime, with the domain's
 * {@link org.wikipulse.domain.ReferenceAnalysis} as the oracle (the way Apache Beam validates its
 * runners and Micrometer its registries).
 *
 * <p>A runtime's tests extend {@link org.wikipulse.contract.RuntimeContractSuite} and supply a
 * {@link org.wikipulse.contract.RuntimeHarness}. Where a runtime truly cannot match the reference,
 * its harness names the {@link org.wikipulse.contract.Capability} it lacks with the reason, and the
 * cases that need it show as skipped with that reason. Assertions are never loosened.
 */
package org.wikipulse.contract;
