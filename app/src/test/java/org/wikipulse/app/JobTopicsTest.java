package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.kafka.JobTopics;
import org.wikipulse.app.kafka.KafkaClients;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;

/** The topics {@code run} and {@code demo} create, against the shared local broker. */
class JobTopicsTest {
  private final LocalStack stack = SharedLocalStack.get();

  /**
   * Purpose: the launcher, which creates the job's topics before the runtime starts, applies each
   * topic's settings (before, it created all three with retention only, so the runtimes' compaction
   * never applied). Input: a configuration naming three missing topics, 3 partitions. Pass: all
   * three created; read back from the broker, the output is compacted and the input and dead
   * letters keep records forever, each with 3 partitions; a second call creates nothing.
   */
  @Test
  void runsTopicsAreCreatedWithTheirSettings() throws Exception {
    String input = Samples.unique("job");
    WikipulseConfig config =
        WikipulseConfig.of(
            "kafka.bootstrap-servers=" + stack.bootstrapServers(),
            "registry.url=" + stack.registryUrl(),
            "topics.input=" + input,
            "topics.output=" + input + ".out",
            "topics.dead-letters=" + input + ".dlq",
            "kafka.topic-partitions=3");

    List<String> created = JobTopics.ensureAll(config);

    assertThat(created).containsExactly(input, input + ".out", input + ".dlq");
    try (Admin admin = KafkaClients.admin(config)) {
      Map<String, Config> configs = configs(admin, created);
      assertThat(configs.get(input + ".out").get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      for (String kept : List.of(input, input + ".dlq")) {
        assertThat(configs.get(kept).get(TopicConfig.RETENTION_MS_CONFIG).value())
            .as(kept)
            .isEqualTo("-1");
        assertThat(configs.get(kept).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
            .as(kept)
            .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
      }
      for (String topic : created) {
        assertThat(
                admin
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions())
            .as(topic)
            .hasSize(3);
      }
    }
    assertThat(JobTopics.ensureAll(config)).isEmpty();
  }

  private static Map<String, Config> configs(Admin admin, List<String> topics) throws Exception {
    List<ConfigResource> resources =
        topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<ConfigResource, Config> byResource =
        admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
    return topics.stream()
        .collect(
            Collectors.toMap(
                t -> t, t -> byResource.get(new ConfigResource(ConfigResource.Type.TOPIC, t))));
  }
}
