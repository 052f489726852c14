package org.wikipulse.adapter.kstreams;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.topics.DeadLetterLimit;

/**
 * The Kafka Streams configuration of a pipeline: the spec's Kafka client settings (which Kafka
 * Streams passes to all its clients), our defaults, then the spec's engine settings.
 */
final class StreamsProperties {
  /**
   * Results appear within about this long after their close condition: with exactly-once, the
   * merger reads its input and the output is visible only once the transaction commits.
   */
  static final String COMMIT_INTERVAL_MS = "100";

  /**
   * Kafka Streams' consumers do not leave their group on close, which suits rolling restarts of
   * many instances but makes a restarted single instance wait out the session timeout (45 s) before
   * it gets its partitions back. Overridable through the engine properties.
   */
  static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

  /**
   * How long the group waits for an instance that stopped heartbeating (killed, or cut off) before
   * its tasks move. Kafka's default is 45 s, and the single merger task holds all output until it
   * moves: measured with three instances, output stopped 47.7 s after the merger's instance was
   * killed. 10 s is above the broker's minimum (6 s) and leaves heartbeats (every 3 s) three tries.
   */
  static final String SESSION_TIMEOUT_MS = "10000";

  /** Kafka Streams' producer transaction timeout under exactly-once, unless configured. */
  static final String EOS_TRANSACTION_TIMEOUT_MS = "10000";

  private StreamsProperties() {}

  /**
   * One stream thread per core, but no more than there are input partitions (each thread needs a
   * partition task to be useful; the merger's task is small). Kafka Streams' default of one thread
   * leaves cores idle: measured here on a 4-partition backlog, two threads gave about 350,000
   * records/s against 240,000 for one.
   */
  static int streamThreads(int inputPartitions) {
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), inputPartitions));
  }

  static Properties of(
      PipelineSpec spec,
      int inputPartitions,
      String groupInstanceId,
      DeadLetterLimit deadLetterLimit) {
    Properties props = new Properties();
    props.putAll(spec.kafkaClientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, spec.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, spec.source().bootstrapServers());
    // Unprefixed, so that an engine setting of the same key replaces it; only the main consumer is
    // a group member.
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        spec.stateDirectory().resolve("kafka-streams").toAbsolutePath().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads(inputPartitions));
    props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), "true");
    // Static membership: a restart on the same state rejoins as the same member at once.
    props.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId);
    // Kafka's 1 MiB would refuse a dead letter that its topic takes: the thread would fail on it,
    // and on it again after each replacement. A user's own setting is part of the limit.
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        deadLetterLimit.producerMaxRequestSize());
    // A late event kept for its dead letter crosses the merger's repartition topic first: that
    // topic (Kafka Streams creates it) must take what the dead-letter topic takes, not the broker's
    // 1 MiB default.
    props.put(
        StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
        deadLetterLimit.producerMaxRequestSize());
    props.putAll(spec.engineProperties());
    return props;
  }

  /**
   * The producer settings a user gave, by Kafka's names: the Kafka client settings, then the engine
   * settings, unprefixed or with {@code producer.}, the later ones winning.
   */
  static Map<String, String> producerSettings(PipelineSpec spec) {
    Map<String, String> settings = new HashMap<>();
    String prefix = StreamsConfig.producerPrefix("");
    for (Map<String, String> source :
        List.of(spec.kafkaClientProperties(), spec.engineProperties())) {
      source.forEach(
          (key, value) -> {
            if (!key.startsWith(prefix)) {
              settings.put(key, value);
            }
          });
      source.forEach(
          (key, value) -> {
            if (key.startsWith(prefix)) {
              settings.put(key.substring(prefix.length()), value);
            }
          });
    }
    return settings;
  }

  /**
   * The transaction timeout these properties give the producers: {@code
   * producer.transaction.timeout.ms}, else {@code transaction.timeout.ms}, else Kafka Streams'
   * default under exactly-once (10 s).
   */
  static Duration transactionTimeout(Properties props) {
    Object value =
        props.getOrDefault(
            StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
            props.getOrDefault(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, EOS_TRANSACTION_TIMEOUT_MS));
    return Duration.ofMillis(Long.parseLong(value.toString().trim()));
  }
}
