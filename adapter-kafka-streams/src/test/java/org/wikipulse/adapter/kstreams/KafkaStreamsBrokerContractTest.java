package org.wikipulse.adapter.kstreams;

import java.util.Map;
import org.wikipulse.contract.broker.BrokerCapability;
import org.wikipulse.contract.broker.BrokerContractSuite;
import org.wikipulse.ports.AnalysisRuntime;

/** The broker-level contract, run on the Kafka Streams runtime. */
class KafkaStreamsBrokerContractTest extends BrokerContractSuite {

  @Override
  public AnalysisRuntime runtime() {
    return new KafkaStreamsRuntime();
  }

  @Override
  public Map<String, String> engineProperties(int maxRecordsPerBatch) {
    return Map.of();
  }

  @Override
  public Map<BrokerCapability, String> unsupported() {
    return Map.of();
  }
}
