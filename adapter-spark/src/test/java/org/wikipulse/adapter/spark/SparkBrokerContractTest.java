package org.wikipulse.adapter.spark;

import java.util.Map;
import org.wikipulse.contract.broker.BrokerCapability;
import org.wikipulse.contract.broker.BrokerContractSuite;
import org.wikipulse.ports.AnalysisRuntime;

/** The broker-level contract, run on the Spark runtime. */
class SparkBrokerContractTest extends BrokerContractSuite {

  @Override
  public AnalysisRuntime runtime() {
    // The shared session first, so that the runtime reuses it rather than starting its own.
    SharedSpark.get();
    return new SparkRuntime();
  }

  @Override
  public Map<String, String> engineProperties(int maxRecordsPerBatch) {
    return Map.of(SparkRuntime.MAX_OFFSETS_PER_TRIGGER, Integer.toString(maxRecordsPerBatch));
  }

  @Override
  public Map<BrokerCapability, String> unsupported() {
    return Map.of();
  }
}
