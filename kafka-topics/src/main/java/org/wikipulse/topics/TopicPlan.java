package org.wikipulse.topics;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic wikipulse needs, with the settings it must have.
 *
 * @param name the topic
 * @param partitions how many partitions it gets when wikipulse creates it; empty: the cluster's
 *     default
 * @param settings topic configs (Kafka's names) it is created with, and that an existing topic is
 *     checked against
 */
public record TopicPlan(String name, Optional<Integer> partitions, Map<String, String> settings) {

  /**
   * Event times are historical when a stream is replayed: retention by age would delete records on
   * arrival, so records are kept until someone deletes them.
   */
  private static final Map<String, String> KEPT = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");

  /**
   * One row per (window, actor) key: compaction keeps each key's latest row whatever its age, and
   * deletes nothing by age (no {@code delete} in the policy), so historical windows stay.
   */
  private static final Map<String, String> ONE_ROW_PER_KEY =
      Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

  public TopicPlan {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A topic name must not be blank");
    }
    Objects.requireNonNull(partitions, "partitions");
    settings = Map.copyOf(settings);
  }

  /** The input: recentchange events, kept whatever their age. */
  public static TopicPlan input(String name, Optional<Integer> partitions) {
    return new TopicPlan(name, partitions, KEPT);
  }

  /** The output: compacted, one row per (window, actor). */
  public static TopicPlan output(String name, Optional<Integer> partitions) {
    return new TopicPlan(name, partitions, ONE_ROW_PER_KEY);
  }

  /** The dead letters: records as they were read, kept whatever their age. */
  public static TopicPlan deadLetters(String name, Optional<Integer> partitions) {
    return new TopicPlan(name, partitions, KEPT);
  }

  /**
   * A runtime's own state, written with each commit and read back at start: compacted, so that the
   * newest value per key is what stays, in one partition, so that one read gets all of it.
   */
  public static TopicPlan runtimeState(String name) {
    return new TopicPlan(name, Optional.of(1), ONE_ROW_PER_KEY);
  }
}
