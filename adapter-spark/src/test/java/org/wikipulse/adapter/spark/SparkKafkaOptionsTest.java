package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineSpec;

/** Which Kafka client settings Spark's Kafka connectors and the dead-letter producer get. */
class SparkKafkaOptionsTest {

  /**
   * Purpose: the spec's Kafka client settings reach Spark's connectors in their {@code kafka.}
   * form, engine {@code kafka.*} settings win, and the bootstrap servers stay the spec's. Input:
   * client settings for the protocol and a timeout, engine settings for the timeout, the bootstrap
   * servers and a Spark key. Pass: exactly the protocol (from the client settings) and the timeout
   * (from the engine), prefixed.
   */
  @Test
  void clientSettingsArePrefixedAndEngineSettingsWin() {
    PipelineSpec spec =
        new PipelineSpec(
            "app",
            new KafkaSource("b:9092", "in", KafkaSource.StartingOffsets.EARLIEST),
            new KafkaSink("b:9092", "out", "dlq", "out-value"),
            WindowSpec.DEFAULT,
            Duration.ofSeconds(30),
            Path.of("state"),
            Map.of(
                "kafka.request.timeout.ms", "9000",
                "kafka.bootstrap.servers", "elsewhere:1",
                "spark.master", "local[2]"),
            Map.of("security.protocol", "SSL", "request.timeout.ms", "1000"));

    assertThat(SparkRuntime.kafkaOptions(spec))
        .isEqualTo(
            Map.of(
                "kafka.security.protocol", "SSL",
                "kafka.request.timeout.ms", "9000"));
  }
}
