package org.wikipulse.app.config;

import java.util.List;
import org.wikipulse.ports.KafkaSource.StartingOffsets;

/**
 * How to reach Kafka.
 *
 * @param bootstrapServers the bootstrap addresses as configured, host:port[,host:port]
 * @param addresses the same, parsed
 * @param startingOffsets where a pipeline without saved progress starts
 * @param topicPartitions partitions of the topics that wikipulse creates
 */
public record KafkaSettings(
    String bootstrapServers,
    List<HostAndPort> addresses,
    StartingOffsets startingOffsets,
    int topicPartitions) {

  public KafkaSettings {
    addresses = List.copyOf(addresses);
  }

  /** One broker address. */
  public record HostAndPort(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
