package org.wikipulse.contract.broker;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Map;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;

/**
 * What a broker-level case may ask of the runtime under test. Each topic of cases is an interface
 * extending this one, whose default methods are the JUnit cases; {@link BrokerContractSuite}
 * implements them all, and a runtime's test class supplies only the factory methods below.
 */
public interface BrokerCase {

  /** A new instance of the runtime under test. */
  AnalysisRuntime runtime();

  /**
   * Engine settings for a pipeline whose batches hold at most this many input records: a
   * micro-batch runtime caps its batches there (so that a stop can fall between two batches), a
   * record-at-a-time runtime may ignore it.
   */
  Map<String, String> engineProperties(int maxRecordsPerBatch);

  /** The capabilities this runtime lacks, each with the reason: the one place it is said. */
  Map<BrokerCapability, String> unsupported();

  /** What the cases share, set up once per JVM. */
  default BrokerFixture fixture() {
    return BrokerFixture.get();
  }

  /** Skips the case, naming the reason, when the runtime lacks the capability. */
  default void requires(BrokerCapability capability) {
    String reason = unsupported().get(capability);
    assumeFalse(reason != null, () -> "runtime lacks " + capability + ": " + reason);
  }

  /** Whether the runtime has the capability. */
  default boolean supports(BrokerCapability capability) {
    return !unsupported().containsKey(capability);
  }

  /** Starts a pipeline of the runtime under test with the fixture's codecs. */
  default RunningPipeline start(PipelineSpec spec) {
    return runtime().start(spec, fixture().codecs(spec));
  }
}
