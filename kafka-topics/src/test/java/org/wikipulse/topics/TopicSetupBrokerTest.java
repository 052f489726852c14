package org.wikipulse.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.localstack.KafkaBrokerProcess;

/**
 * Topic creation against a real broker (one per class, ~3 s): the settings are read back from the
 * broker with {@code describeConfigs}, not taken from what was sent.
 */
class TopicSetupBrokerTest {
  @TempDir static Path workDir;
  private static KafkaBrokerProcess broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBrokerProcess.start(workDir.resolve("kafka"), 0);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static TopicSetup topicSetup() {
    return TopicSetup.connect(broker.bootstrapServers(), Map.of());
  }

  private static Config configOf(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = admin()) {
      return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }
  }

  private static int partitionsOf(String topic) throws Exception {
    try (Admin admin = admin()) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    }
  }

  /**
   * Purpose: each topic wikipulse creates has the settings its job needs, on the broker. Input: the
   * input, output, dead-letter and a runtime-state plan, none existing; the dead letters planned
   * after the input's size limit as the broker reports it. Pass: all four are reported created;
   * read back, the output and the state topic are compacted without deletion by age, the input and
   * the dead letters keep records forever ({@code retention.ms=-1}) under the delete policy; the
   * dead-letter topic takes records 64 KiB larger than the input (the broker's default); partitions
   * as planned (4, 4, 4, 1); no conflict reported.
   */
  @Test
  void createdTopicsHaveTheSettingsTheirJobNeeds() throws Exception {
    TopicSetup.Outcome outcome;
    long inputLimit;
    try (TopicSetup topics = topicSetup()) {
      TopicSetup.Outcome input =
          topics.ensure(List.of(TopicPlan.input("created.input", Optional.of(4))));
      inputLimit = topics.maxMessageBytes("created.input");
      outcome =
          topics.ensure(
              List.of(
                  TopicPlan.output("created.output", Optional.of(4)),
                  TopicPlan.deadLetters("created.dlq", Optional.of(4), inputLimit),
                  TopicPlan.runtimeState("created.state")));
      assertThat(input.created()).containsExactly("created.input");
      assertThat(DeadLetterLimit.of(topics, "created.dlq", Map.of()).maxRecordBytes())
          .as("the dead-letter limit: the topic's")
          .isEqualTo(inputLimit + 64 * 1024);
      assertThat(
              DeadLetterLimit.of(topics, "created.dlq", Map.of("max.request.size", "500000"))
                  .maxRecordBytes())
          .as("the dead-letter limit under a user's smaller max.request.size")
          .isEqualTo(500_000);
    }

    assertThat(outcome.created()).containsExactly("created.output", "created.dlq", "created.state");
    assertThat(inputLimit).as("the broker's default max.message.bytes").isEqualTo(1_048_588);
    assertThat(configOf("created.dlq").get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value())
        .isEqualTo(Long.toString(inputLimit + 64 * 1024));
    assertThat(outcome.conflicts()).isEmpty();
    for (String compacted : List.of("created.output", "created.state")) {
      assertThat(configOf(compacted).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
          .as(compacted)
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    for (String kept : List.of("created.input", "created.dlq")) {
      Config config = configOf(kept);
      assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(kept).isEqualTo("-1");
      assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
          .as(kept)
          .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
    }
    assertThat(partitionsOf("created.output")).isEqualTo(4);
    assertThat(partitionsOf("created.state")).isEqualTo(1);
    try (TopicSetup topics = topicSetup()) {
      assertThat(topics.inputPartitions("created.input")).isEqualTo(4);
    }
  }

  /**
   * Purpose: an existing topic is left as it is, and a setting that contradicts what wikipulse
   * needs is reported by name with both values. Input: an output topic created beforehand with the
   * delete policy and a 7-day retention, and a dead-letter topic with a 1-hour retention and a
   * 100,000-byte size limit, for an input that takes 1,048,588. Pass: nothing created; exactly
   * three conflicts, each naming topic, setting, found and wanted value (a size limit as the least
   * it needs); the broker still has the operator's settings; a second call (as the runtime makes
   * after the launcher) reports the same conflicts.
   */
  @Test
  void anExistingTopicWithContradictingSettingsIsReportedAndLeftAsItIs() throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("existing.output", 2, (short) 1)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_DELETE,
                              TopicConfig.RETENTION_MS_CONFIG,
                              "604800000")),
                  new NewTopic("existing.dlq", 2, (short) 1)
                      .configs(
                          Map.of(
                              TopicConfig.RETENTION_MS_CONFIG,
                              "3600000",
                              TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                              "100000"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    List<TopicPlan> plans =
        List.of(
            TopicPlan.output("existing.output", Optional.empty()),
            TopicPlan.deadLetters("existing.dlq", Optional.empty(), 1_048_588));

    TopicSetup.Outcome first;
    TopicSetup.Outcome second;
    try (TopicSetup topics = topicSetup()) {
      first = topics.ensure(plans);
      second = topics.ensure(plans);
    }

    assertThat(first.created()).isEmpty();
    assertThat(first.conflicts())
        .containsExactly(
            new SettingConflict("existing.output", "cleanup.policy", "delete", "compact"),
            new SettingConflict("existing.dlq", "max.message.bytes", "100000", "1114124"),
            new SettingConflict("existing.dlq", "retention.ms", "3600000", "-1"));
    assertThat(first.conflicts().get(0).describe())
        .contains("'existing.output'", "cleanup.policy=delete", "cleanup.policy=compact");
    assertThat(first.conflicts().get(1).describe())
        .contains("max.message.bytes=100000", "max.message.bytes of at least 1114124");
    assertThat(second.conflicts()).isEqualTo(first.conflicts());
    assertThat(configOf("existing.output").get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
        .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
    assertThat(configOf("existing.dlq").get(TopicConfig.RETENTION_MS_CONFIG).value())
        .isEqualTo("3600000");
  }

  /**
   * Purpose: an existing topic that has what wikipulse needs is no conflict. Input: an output topic
   * created with {@code cleanup.policy=compact} beforehand, and a dead-letter topic kept forever
   * whose size limit (5,000,000) is above the least it needs. Pass: no conflict, nothing created.
   */
  @Test
  void anExistingTopicWithTheNeededSettingsIsNoConflict() throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("matching.output", 1, (short) 1)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT)),
                  new NewTopic("matching.dlq", 1, (short) 1)
                      .configs(
                          Map.of(
                              TopicConfig.RETENTION_MS_CONFIG,
                              "-1",
                              TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                              "5000000"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (TopicSetup topics = topicSetup()) {
      TopicSetup.Outcome outcome =
          topics.ensure(
              List.of(
                  TopicPlan.output("matching.output", Optional.empty()),
                  TopicPlan.deadLetters("matching.dlq", Optional.empty(), 1_048_588)));
      assertThat(outcome.created()).isEmpty();
      assertThat(outcome.conflicts()).isEmpty();
    }
  }

  /** Purpose: a missing input fails by name. Pass: the message names the topic. */
  @Test
  void aMissingInputTopicIsNamed() {
    try (TopicSetup topics = topicSetup()) {
      assertThatThrownBy(() -> topics.inputPartitions("no.such.input"))
          .isInstanceOf(TopicSetupException.class)
          .hasMessage("The input topic 'no.such.input' does not exist");
    }
  }
}
