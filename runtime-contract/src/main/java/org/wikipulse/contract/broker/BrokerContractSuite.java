package org.wikipulse.contract.broker;

/**
 * The broker-level contract every runtime meets, written once: pipelines on a real KRaft broker and
 * schema registry, started through the {@link org.wikipulse.ports.AnalysisRuntime} SPI, whose
 * output is compared with the reference's answer row for row and key by key. A runtime's test class
 * extends this and implements the three factory methods of {@link BrokerCase}: the runtime, its
 * engine settings, and the {@link BrokerCapability capabilities} it lacks with the reason (as
 * Micrometer's TCK asks a backend only for a registry).
 *
 * <p>The cases live by topic, one interface each, whose default methods are the cases: {@link
 * BacklogCases}, {@link RestartCases}, {@link SecuredClusterCases}, {@link RegistryOutageCases},
 * {@link LargeRecordCases}. <b>To add a case</b>, add a default {@code @Test} method to the
 * interface of its topic; <b>to add a topic</b> (faults, several instances), write an interface
 * extending {@link BrokerCase} and add it to this class's {@code implements} list, and every
 * runtime runs it. Give each case a Javadoc with its purpose, input and pass condition.
 *
 * <p>Everything the cases share is in {@link BrokerFixture}, set up once per test JVM: the local
 * stack ({@code stack()}, with a plain and a SASL/PLAIN listener), the generated 4-partition
 * backlog with its 20 undecodable records ({@code backlog()}), the reference's answer ({@code
 * expected()}), pipeline specs on the backlog ({@code spec}, {@code saslSpec}), the {@code
 * read_committed} reader ({@code readCommitted}), and the verdicts: each key exactly once ({@code
 * rowsWrittenOncePerKey}), the compacted view ({@code lastRowPerKey}), the reference row for row
 * ({@code assertTheReference}) and dead letters by source offset ({@code deadLetterSources}). Use
 * it rather than producing another backlog: each backlog costs seconds of every build.
 *
 * <p>Cases specific to one runtime (its own failure handling, its own settings) stay in that
 * runtime's module.
 */
public abstract class BrokerContractSuite
    implements BacklogCases,
        RestartCases,
        SecuredClusterCases,
        RegistryOutageCases,
        LargeRecordCases {}
