package org.wikipulse.ports;

import java.util.Objects;

/**
 * Where the input comes from.
 *
 * @param bootstrapServers the Kafka bootstrap servers, host:port[,host:port]
 * @param topic the input topic, recentchange events in Confluent Avro
 * @param startingOffsets where a new pipeline starts: earliest or latest
 */
public record KafkaSource(String bootstrapServers, String topic, StartingOffsets startingOffsets) {

  public KafkaSource {
    requireText("bootstrapServers", bootstrapServers);
    requireText("topic", topic);
    Objects.requireNonNull(startingOffsets, "startingOffsets");
  }

  /** Where a pipeline without committed progress starts reading. */
  public enum StartingOffsets {
    EARLIEST,
    LATEST
  }

  static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
