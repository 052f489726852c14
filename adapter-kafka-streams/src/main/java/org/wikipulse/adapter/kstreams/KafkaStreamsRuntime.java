package org.wikipulse.adapter.kstreams;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineObserver;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.topics.DeadLetterLimit;
import org.wikipulse.topics.TopicPlan;
import org.wikipulse.topics.TopicSetup;
import org.wikipulse.topics.TopicSetupException;

/** The analysis on Kafka Streams, chosen by the name {@code kafka-streams}. */
public final class KafkaStreamsRuntime implements AnalysisRuntime {
  /** The name users choose this runtime by. */
  public static final String NAME = "kafka-streams";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsRuntime.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunningPipeline start(PipelineSpec spec, WireCodecs codecs, PipelineObserver observer) {
    if (!spec.source().bootstrapServers().equals(spec.sink().bootstrapServers())) {
      throw new IllegalArgumentException(
          "Kafka Streams reads and writes one Kafka cluster, but the source is at '"
              + spec.source().bootstrapServers()
              + "' and the sink at '"
              + spec.sink().bootstrapServers()
              + "'");
    }
    // Registers the output schema now, so a registry problem fails the start, not the first window.
    codecs.outputSchema();
    PreparedTopics topics = prepareTopics(spec);
    InputTopic input = topics.input();
    StreamsTelemetry counters = new StreamsTelemetry(observer);
    TopologyConfig config =
        new TopologyConfig(
            List.of(input),
            spec.source().startingOffsets(),
            spec.sink().topic(),
            spec.sink().deadLetterTopic(),
            spec.windows(),
            spec.idleTimeout(),
            codecs,
            counters,
            spec.lateEvents(),
            topics.deadLetterLimit());
    InstanceIdentity identity =
        new InstanceIdentity(
            spec.stateDirectory().resolve("instance").resolve(spec.applicationId()));
    ZombieFencing.fenceLastRun(spec, identity);
    Properties props =
        StreamsProperties.of(
            spec,
            input.partitions(),
            identity.groupInstanceId(spec.applicationId()),
            topics.deadLetterLimit());
    requireRegistryBudgetUnderTransactionTimeout(codecs.registryBudget(), props);
    requireOneTransactionPerThread(props);
    KafkaStreamsPipeline pipeline =
        new KafkaStreamsPipeline(
            AnalysisTopology.buildTopology(config), props, counters, input.name());
    pipeline.start(identity);
    LOG.info(
        "Started Kafka Streams application '{}' on '{}' ({} partitions) -> '{}'",
        spec.applicationId(),
        input.name(),
        input.partitions(),
        spec.sink().topic());
    return pipeline;
  }

  /**
   * A decode that waits for the registry holds the task's transaction open; were the registry's
   * retry budget not below the transaction timeout, the broker would abort the transaction under it
   * and fence the producer instead of the budget failing the thread cleanly.
   */
  static void requireRegistryBudgetUnderTransactionTimeout(Duration budget, Properties props) {
    Duration timeout = StreamsProperties.transactionTimeout(props);
    if (budget.compareTo(timeout) >= 0) {
      throw new IllegalArgumentException(
          "The schema registry's retry budget ("
              + budget.toMillis()
              + " ms) must be below the Kafka Streams transaction timeout ("
              + timeout.toMillis()
              + " ms, producer.transaction.timeout.ms): a decode waiting for the registry holds"
              + " the transaction open");
    }
  }

  /**
   * The counters wait for the stream thread's transaction ({@link UncommittedCounts}); the
   * deprecated {@code exactly_once} gives each task a producer and a transaction of its own, and
   * Kafka Streams 4 no longer has it.
   */
  static void requireOneTransactionPerThread(Properties props) {
    Object guarantee = props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    if (guarantee != null && "exactly_once".equals(guarantee.toString().trim())) {
      throw new IllegalArgumentException(
          "processing.guarantee exactly_once (one transaction per task, deprecated since Kafka"
              + " 3.0) is not supported: use exactly_once_v2 (the default) or at_least_once");
    }
  }

  /** The input topic with its partition count, and the largest dead letter that can be written. */
  private record PreparedTopics(InputTopic input, DeadLetterLimit deadLetterLimit) {}

  /**
   * Returns the input topic with its partition count, creates the output and dead-letter topics
   * with their settings when they do not exist, and reads the dead-letter topic's size limit.
   */
  private static PreparedTopics prepareTopics(PipelineSpec spec) {
    try (TopicSetup topics =
        TopicSetup.connect(spec.source().bootstrapServers(), spec.kafkaClientProperties())) {
      String inputTopic = spec.source().topic();
      InputTopic input = new InputTopic(inputTopic, topics.inputPartitions(inputTopic));
      topics
          .ensure(
              List.of(
                  TopicPlan.output(spec.sink().topic(), Optional.empty()),
                  TopicPlan.deadLetters(
                      spec.sink().deadLetterTopic(),
                      Optional.empty(),
                      topics.maxMessageBytes(inputTopic))))
          .created()
          .forEach(topic -> LOG.info("Created topic '{}'", topic));
      return new PreparedTopics(
          input,
          DeadLetterLimit.of(
              topics, spec.sink().deadLetterTopic(), StreamsProperties.producerSettings(spec)));
    } catch (TopicSetupException e) {
      throw new PipelineFailedException(e.getMessage(), e);
    }
  }
}
