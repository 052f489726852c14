package org.wikipulse.app.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.wikipulse.app.config.WikipulseConfig;

/**
 * Creates the job's topics that are missing. The input keeps data forever: its event times are
 * historical for replays, and age-based retention would delete them on arrival.
 */
public final class TopicSetup {
  private TopicSetup() {}

  /**
   * Creates whichever of the named topics does not exist yet, with {@code kafka.topic-partitions}
   * partitions and replication factor 1 for a single broker (the cluster default otherwise).
   *
   * @return the topics it created
   */
  public static List<String> ensure(WikipulseConfig config, Collection<String> topics) {
    try (Admin admin = KafkaClients.admin(config)) {
      Set<String> existing = admin.listTopics().names().get();
      int brokers = admin.describeCluster().nodes().get().size();
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : topics) {
        if (!existing.contains(topic)) {
          NewTopic newTopic =
              brokers == 1
                  ? new NewTopic(topic, config.kafka().topicPartitions(), (short) 1)
                  : new NewTopic(
                      topic,
                      java.util.Optional.of(config.kafka().topicPartitions()),
                      java.util.Optional.empty());
          missing.add(newTopic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
        }
      }
      if (missing.isEmpty()) {
        return List.of();
      }
      try {
        admin.createTopics(missing).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException e) {
      throw new ServiceUnavailableException(
          "Cannot create topics on Kafka at "
              + config.kafka().bootstrapServers()
              + ": "
              + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("Interrupted while creating topics");
    }
  }

  /** The input, output and dead-letter topics. */
  public static List<String> ensureAll(WikipulseConfig config) {
    return ensure(
        config,
        List.of(config.topics().input(), config.topics().output(), config.topics().deadLetters()));
  }
}
