package org.wikipulse.adapter.kstreams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the input's topic partitions 0..n-1 (topic by topic, then partition), so that a source
 * means the same thing in production (one topic, n partitions) and in a TopologyTestDriver test (n
 * topics of one partition each, since the driver has one partition per topic).
 *
 * <p>Kafka Streams gives one task per partition number, reading that partition of every input
 * topic, so a task owns the sources with that partition number.
 */
final class SourceLayout {
  private final List<InputTopic> topics;
  private final Map<String, Integer> firstSourceOfTopic = new HashMap<>();
  private final int sourceCount;

  SourceLayout(List<InputTopic> topics) {
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("The analysis needs at least one input topic");
    }
    this.topics = List.copyOf(topics);
    int next = 0;
    for (InputTopic topic : this.topics) {
      if (firstSourceOfTopic.put(topic.name(), next) != null) {
        throw new IllegalArgumentException("Input topic '" + topic.name() + "' is listed twice");
      }
      next += topic.partitions();
    }
    this.sourceCount = next;
  }

  int sourceCount() {
    return sourceCount;
  }

  /** The source of a record read from the given topic partition. */
  int sourceOf(String topic, int partition) {
    Integer first = firstSourceOfTopic.get(topic);
    if (first == null) {
      throw new IllegalStateException("Record from '" + topic + "', which is not an input topic");
    }
    return first + partition;
  }

  /** The sources that the task of the given partition number reads. */
  List<Integer> sourcesOfTask(int taskPartition) {
    List<Integer> sources = new ArrayList<>();
    for (InputTopic topic : topics) {
      if (taskPartition < topic.partitions()) {
        sources.add(firstSourceOfTopic.get(topic.name()) + taskPartition);
      }
    }
    return sources;
  }
}
