package org.wikipulse.adapter.registry;

import java.util.Locale;

/**
 * How a topic's key or value schema is named in the registry, as Confluent's serializers do it.
 * Producers and consumers of one topic must agree on it.
 */
public enum SubjectNameStrategy {
  /** {@code <topic>-value} or {@code <topic>-key}: one schema lineage per topic. The default. */
  TOPIC_NAME {
    @Override
    public String subject(String topic, String recordFullName, boolean isKey) {
      return requireText("topic", topic) + (isKey ? "-key" : "-value");
    }
  },
  /** The record's full name, such as {@code org.wikimedia.RecentChange}, whatever the topic. */
  RECORD_NAME {
    @Override
    public String subject(String topic, String recordFullName, boolean isKey) {
      return requireText("recordFullName", recordFullName);
    }
  },
  /** {@code <topic>-<record full name>}: several record types per topic. */
  TOPIC_RECORD_NAME {
    @Override
    public String subject(String topic, String recordFullName, boolean isKey) {
      return requireText("topic", topic) + "-" + requireText("recordFullName", recordFullName);
    }
  };

  /**
   * The subject a schema is registered under.
   *
   * @param topic the Kafka topic (unused by {@link #RECORD_NAME})
   * @param recordFullName the record schema's namespace-qualified name (unused by {@link
   *     #TOPIC_NAME})
   * @param isKey true for the record key's schema, false for the value's
   */
  public abstract String subject(String topic, String recordFullName, boolean isKey);

  /** The subject of a record value's schema. */
  public String valueSubject(String topic, String recordFullName) {
    return subject(topic, recordFullName, false);
  }

  /**
   * Reads a strategy from configuration: this enum's names in any case, with {@code -} or {@code
   * _}, or the simple names of Confluent's strategy classes ({@code TopicNameStrategy}, ...).
   */
  public static SubjectNameStrategy fromConfig(String name) {
    String key =
        requireText("subject name strategy", name)
            .trim()
            .replaceFirst("(?i)strategy$", "")
            .replaceAll("[-_ ]", "")
            .toLowerCase(Locale.ROOT);
    for (SubjectNameStrategy strategy : values()) {
      if (strategy.name().replace("_", "").toLowerCase(Locale.ROOT).equals(key)) {
        return strategy;
      }
    }
    throw new IllegalArgumentException(
        "Unknown subject name strategy '"
            + name
            + "': use topic-name, record-name or topic-record-name");
  }

  private static String requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}
