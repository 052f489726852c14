package org.wikipulse.adapter.kstreams;

/**
 * An input topic and how many partitions it has.
 *
 * @param name the topic
 * @param partitions its partition count, at least one
 */
public record InputTopic(String name, int partitions) {
  public InputTopic {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("An input topic needs a name");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "Input topic '" + name + "' must have at least one partition, has " + partitions);
    }
  }
}
