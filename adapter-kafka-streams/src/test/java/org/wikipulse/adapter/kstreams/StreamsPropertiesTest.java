package org.wikipulse.adapter.kstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineSpec;

/** How a pipeline spec becomes Kafka Streams' configuration. */
class StreamsPropertiesTest {

  /**
   * Purpose: the spec's Kafka client settings reach Kafka Streams, which hands top-level client
   * settings to all its clients, and engine settings still win. Input: client settings for the
   * protocol and the request timeout, an engine setting for the timeout. Pass: the protocol from
   * the client settings, the timeout from the engine, our defaults kept, the producers' request
   * size and the internal topics' record size the dead-letter limit.
   */
  @Test
  void clientSettingsComeFirstAndEngineSettingsWin() {
    PipelineSpec spec =
        new PipelineSpec(
            "app",
            new KafkaSource("b:9092", "in", KafkaSource.StartingOffsets.EARLIEST),
            new KafkaSink("b:9092", "out", "dlq", "out-value"),
            WindowSpec.DEFAULT,
            Duration.ofSeconds(30),
            Path.of("state"),
            Map.of("request.timeout.ms", "9000"),
            Map.of("security.protocol", "SASL_SSL", "request.timeout.ms", "1000"));

    Properties props =
        StreamsProperties.of(spec, 4, "app-instance-1", TopologyFixture.KAFKA_DEFAULT_LIMIT);

    assertThat(props)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("request.timeout.ms", "9000")
        .containsEntry("application.id", "app")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("main.consumer.group.instance.id", "app-instance-1")
        .containsEntry("producer.max.request.size", "1048588")
        .containsEntry("topic.max.message.bytes", "1048588");
  }

  /**
   * Purpose: the registry's retry budget stays under the transaction timeout a waiting decode holds
   * open. Input: the default budget (5 s) against Kafka Streams' default (10 s), a 10 s budget, and
   * a 10 s budget with {@code producer.transaction.timeout.ms} raised to 30 s. Pass: the first and
   * the last start, the second is refused naming both values.
   */
  @Test
  void theRegistryBudgetMustStayUnderTheTransactionTimeout() {
    PipelineSpec plain = spec(Map.of());
    PipelineSpec raised = spec(Map.of("producer.transaction.timeout.ms", "30000"));
    Properties defaults =
        StreamsProperties.of(plain, 4, "app-instance-1", TopologyFixture.KAFKA_DEFAULT_LIMIT);

    assertThat(StreamsProperties.transactionTimeout(defaults)).isEqualTo(Duration.ofSeconds(10));
    KafkaStreamsRuntime.requireRegistryBudgetUnderTransactionTimeout(
        Duration.ofSeconds(5), defaults);
    assertThatThrownBy(
            () ->
                KafkaStreamsRuntime.requireRegistryBudgetUnderTransactionTimeout(
                    Duration.ofSeconds(10), defaults))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(10000 ms)")
        .hasMessageContaining("(10000 ms, producer.transaction.timeout.ms)");
    KafkaStreamsRuntime.requireRegistryBudgetUnderTransactionTimeout(
        Duration.ofSeconds(10),
        StreamsProperties.of(raised, 4, "app-instance-1", TopologyFixture.KAFKA_DEFAULT_LIMIT));
  }

  private static PipelineSpec spec(Map<String, String> engineProperties) {
    return new PipelineSpec(
        "app",
        new KafkaSource("b:9092", "in", KafkaSource.StartingOffsets.EARLIEST),
        new KafkaSink("b:9092", "out", "dlq", "out-value"),
        WindowSpec.DEFAULT,
        Duration.ofSeconds(30),
        Path.of("state"),
        engineProperties,
        Map.of());
  }
}
