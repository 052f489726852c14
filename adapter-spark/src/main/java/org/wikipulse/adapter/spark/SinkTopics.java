package org.wikipulse.adapter.spark;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineSpec;

/**
 * Checks the input topic and creates the output topics before the query starts: Spark's Kafka sink
 * does not create topics, and a broker without auto-creation would leave its writes waiting.
 */
final class SinkTopics {
  private static final Logger LOG = LoggerFactory.getLogger(SinkTopics.class);
  private static final long TIMEOUT_SECONDS = 30;

  private SinkTopics() {}

  /**
   * Fails if the input topic does not exist; creates the output topic (compacted: one key per
   * window and actor), the dead-letter topic and the state topic (compacted, one partition: the
   * pipeline state committed with each batch) when they do not.
   *
   * @return how many partitions the input topic has
   */
  static int prepare(PipelineSpec spec, String stateTopic) {
    Properties props = new Properties();
    props.putAll(spec.kafkaClientProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, spec.sink().bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      int partitions = requireInput(spec);
      createIfAbsent(
          admin,
          new NewTopic(spec.sink().topic(), Optional.empty(), Optional.empty())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      createIfAbsent(
          admin, new NewTopic(spec.sink().deadLetterTopic(), Optional.empty(), Optional.empty()));
      createIfAbsent(
          admin,
          new NewTopic(stateTopic, Optional.of(1), Optional.empty())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      return partitions;
    }
  }

  private static int requireInput(PipelineSpec spec) {
    String topic = spec.source().topic();
    Properties props = new Properties();
    props.putAll(spec.kafkaClientProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, spec.source().bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new PipelineFailedException("The input topic '" + topic + "' does not exist", e);
      }
      throw new PipelineFailedException("Cannot describe the input topic '" + topic + "'", e);
    } catch (TimeoutException e) {
      throw new PipelineFailedException("No answer from Kafka describing '" + topic + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineFailedException("Interrupted while describing '" + topic + "'", e);
    }
  }

  private static void createIfAbsent(Admin admin, NewTopic topic) {
    try {
      admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("Created topic '{}'", topic.name());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new PipelineFailedException("Cannot create topic '" + topic.name() + "'", e);
      }
    } catch (TimeoutException e) {
      throw new PipelineFailedException("No answer from Kafka creating '" + topic.name() + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineFailedException("Interrupted while creating '" + topic.name() + "'", e);
    }
  }
}
