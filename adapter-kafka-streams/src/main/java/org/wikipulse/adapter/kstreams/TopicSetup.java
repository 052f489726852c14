package org.wikipulse.adapter.kstreams;

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
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineSpec;

/** What the runtime asks the brokers before it starts: the input's partitions, missing topics. */
final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 30;

  private TopicSetup() {}

  /**
   * Returns the input topic with its partition count, and creates the output topic (compacted: one
   * key per window and actor) and the dead-letter topic when they do not exist.
   */
  static InputTopic prepare(PipelineSpec spec) {
    Properties props = new Properties();
    props.putAll(spec.kafkaClientProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, spec.source().bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      InputTopic input = describeInput(admin, spec.source().topic());
      createIfAbsent(
          admin,
          new NewTopic(spec.sink().topic(), Optional.empty(), Optional.empty())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      createIfAbsent(
          admin, new NewTopic(spec.sink().deadLetterTopic(), Optional.empty(), Optional.empty()));
      return input;
    }
  }

  private static InputTopic describeInput(Admin admin, String topic) {
    try {
      TopicDescription description =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(topic);
      return new InputTopic(topic, description.partitions().size());
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
