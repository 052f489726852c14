package org.wikipulse.app.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.topics.TopicPlan;
import org.wikipulse.topics.TopicSetup;
import org.wikipulse.topics.TopicSetupException;

/**
 * The configured job's topics, created through {@link TopicSetup} (which owns their settings) with
 * {@code kafka.topic-partitions} partitions when they are missing.
 */
public final class JobTopics {
  private JobTopics() {}

  /**
   * Creates whichever of {@code plans} does not exist yet; an existing topic whose settings
   * contradict its plan is left as it is, with a warning.
   *
   * @return the topics it created
   * @throws ServiceUnavailableException naming the brokers when Kafka does not answer or refuses
   */
  public static List<String> ensure(WikipulseConfig config, List<TopicPlan> plans) {
    return withTopics(config, topics -> topics.ensure(plans).created());
  }

  private static <T> T withTopics(WikipulseConfig config, Function<TopicSetup, T> work) {
    try (TopicSetup topics = new TopicSetup(KafkaClients.admin(config))) {
      return work.apply(topics);
    } catch (TopicSetupException e) {
      Throwable cause = e.getCause();
      throw new ServiceUnavailableException(
          "Cannot create topics on Kafka at "
              + config.kafka().bootstrapServers()
              + ": "
              + (cause != null && cause.getMessage() != null
                  ? cause.getMessage()
                  : e.getMessage()));
    }
  }

  /** The input topic, which ingest writes to. */
  public static List<String> ensureInput(WikipulseConfig config) {
    return ensure(config, List.of(TopicPlan.input(config.topics().input(), partitions(config))));
  }

  /**
   * The input, output and dead-letter topics; the input first, since the dead letters' size limit
   * follows the input's.
   */
  public static List<String> ensureAll(WikipulseConfig config) {
    Optional<Integer> partitions = partitions(config);
    return withTopics(
        config,
        topics -> {
          String input = config.topics().input();
          List<String> created =
              new ArrayList<>(topics.ensure(List.of(TopicPlan.input(input, partitions))).created());
          created.addAll(
              topics
                  .ensure(
                      List.of(
                          TopicPlan.output(config.topics().output(), partitions),
                          TopicPlan.deadLetters(
                              config.topics().deadLetters(),
                              partitions,
                              topics.maxMessageBytes(input))))
                  .created());
          return created;
        });
  }

  private static Optional<Integer> partitions(WikipulseConfig config) {
    return Optional.of(config.kafka().topicPartitions());
  }
}
