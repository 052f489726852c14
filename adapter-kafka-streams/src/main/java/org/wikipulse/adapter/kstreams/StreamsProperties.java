package org.wikipulse.adapter.kstreams;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.wikipulse.ports.PipelineSpec;

/** The Kafka Streams configuration of a pipeline: our defaults, then the spec's engine settings. */
final class StreamsProperties {
  /**
   * Results appear within about this long after their close condition: with exactly-once, the
   * merger reads its input and the output is visible only once the transaction commits.
   */
  static final String COMMIT_INTERVAL_MS = "100";

  /**
   * How long a fetch may wait on the broker for data. The consumer of a stream thread fetches the
   * input and the merger's topic together; the default 500 ms makes the merger wait for its small
   * messages whenever the input has nothing new.
   */
  static final String FETCH_MAX_WAIT_MS = "10";

  /** Batching delay of the producer; Kafka Streams raises the client default to 100 ms. */
  static final String LINGER_MS = "5";

  /**
   * Kafka Streams' consumers do not leave their group on close, which suits rolling restarts of
   * many instances but makes a restarted single instance wait out the session timeout (45 s) before
   * it gets its partitions back. Overridable through the engine properties.
   */
  static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

  private StreamsProperties() {}

  static Properties of(PipelineSpec spec) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, spec.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, spec.source().bootstrapServers());
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        spec.stateDirectory().resolve("kafka-streams").toAbsolutePath().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), FETCH_MAX_WAIT_MS);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), LINGER_MS);
    props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), "true");
    props.putAll(spec.engineProperties());
    return props;
  }
}
