package org.wikipulse.topics;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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

  /**
   * What a dead letter adds to the record it stands for: the reason, message, source and lateness
   * headers, a few hundred bytes, with room for a long error message.
   */
  public static final long DEAD_LETTER_HEADROOM_BYTES = 64 * 1024;

  /**
   * The dead letters: records as they were read, kept whatever their age, in a topic that takes the
   * largest record the input takes ({@code inputMaxMessageBytes}, its {@code max.message.bytes})
   * with the dead-letter headers added, so that a bad record of any size the input holds is
   * dead-lettered whole.
   */
  public static TopicPlan deadLetters(
      String name, Optional<Integer> partitions, long inputMaxMessageBytes) {
    return new TopicPlan(
        name,
        partitions,
        Map.of(
            TopicConfig.RETENTION_MS_CONFIG,
            "-1",
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
            Long.toString(inputMaxMessageBytes + DEAD_LETTER_HEADROOM_BYTES)));
  }

  /**
   * Whether {@code found}, an existing topic's value of {@code setting}, gives what this plan
   * needs: a size limit at least as large, a list-valued setting such as {@code cleanup.policy}
   * with the same entries in any order, any other setting the same value.
   */
  static boolean satisfies(String setting, String found, String wanted) {
    if (found == null) {
      return false;
    }
    if (setting.equals(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)) {
      return Long.parseLong(found.trim()) >= Long.parseLong(wanted.trim());
    }
    return tokens(found).equals(tokens(wanted));
  }

  /** Whether a size limit of at least {@code wanted} (not exactly it) is what is needed. */
  static boolean isMinimum(String setting) {
    return setting.equals(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
  }

  private static Set<String> tokens(String value) {
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * A runtime's own state, written with each commit and read back at start: compacted, so that the
   * newest value per key is what stays, in one partition, so that one read gets all of it.
   */
  public static TopicPlan runtimeState(String name) {
    return new TopicPlan(name, Optional.of(1), ONE_ROW_PER_KEY);
  }
}
