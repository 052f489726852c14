package org.wikipulse.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics wikipulse needs with the settings each needs, and warns about an existing
 * topic whose settings contradict them (leaving it as it is). The only place that creates topics.
 */
public final class TopicSetup implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 30;

  /**
   * Conflicts already logged in this JVM: the launcher and the runtime it starts both ensure the
   * same topics, and one warning per conflict is enough for a reader.
   */
  private static final Set<SettingConflict> WARNED = ConcurrentHashMap.newKeySet();

  private final Admin admin;

  /** Works through {@code admin}, which it closes when closed. */
  public TopicSetup(Admin admin) {
    this.admin = admin;
  }

  /** Works through an admin client of its own, with the given client settings. */
  public static TopicSetup connect(String bootstrapServers, Map<String, String> clientProperties) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return new TopicSetup(Admin.create(props));
  }

  /** What {@link #ensure} did. */
  public record Outcome(List<String> created, List<SettingConflict> conflicts) {
    public Outcome {
      created = List.copyOf(created);
      conflicts = List.copyOf(conflicts);
    }
  }

  /**
   * How many partitions the input topic has.
   *
   * @throws TopicSetupException if it does not exist or the broker does not answer
   */
  public int inputPartitions(String topic) {
    try {
      return await(admin.describeTopics(List.of(topic)).allTopicNames())
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new TopicSetupException("The input topic '" + topic + "' does not exist", e);
      }
      throw new TopicSetupException(
          "Cannot describe the input topic '" + topic + "'", e.getCause());
    } catch (TimeoutException e) {
      throw new TopicSetupException("No answer from Kafka describing '" + topic + "'", e);
    }
  }

  /**
   * The largest record batch an existing topic takes: its {@code max.message.bytes}, its own or the
   * broker's default. A topic created a moment ago may be unknown to the broker that answers for a
   * while; it is asked again for up to 30 s.
   *
   * @throws TopicSetupException if it does not exist or the broker does not answer
   */
  public long maxMessageBytes(String topic) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        return describedMaxMessageBytes(topic);
      } catch (TopicSetupException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopicSetupException("Interrupted while describing '" + topic + "'", e);
      }
    }
  }

  private long describedMaxMessageBytes(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      ConfigEntry entry =
          await(admin.describeConfigs(List.of(resource)).all())
              .get(resource)
              .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry == null || entry.value() == null) {
        throw new TopicSetupException(
            "The broker did not say the "
                + TopicConfig.MAX_MESSAGE_BYTES_CONFIG
                + " of '"
                + topic
                + "'",
            null);
      }
      return Long.parseLong(entry.value().trim());
    } catch (ExecutionException e) {
      throw new TopicSetupException(
          "Cannot read the settings of topic '"
              + topic
              + "': "
              + e.getCause().getClass().getSimpleName()
              + " "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new TopicSetupException("No answer from Kafka describing '" + topic + "'", e);
    }
  }

  /**
   * Creates those of {@code plans} that do not exist with their partitions and settings
   * (replication factor 1 on a single broker, the cluster's default otherwise), and compares the
   * settings of those that do exist, logging each conflict once per JVM.
   *
   * @throws TopicSetupException if the broker does not answer or refuses a creation
   */
  public Outcome ensure(Collection<TopicPlan> plans) {
    try {
      Set<String> existing = await(admin.listTopics().names());
      int brokers = await(admin.describeCluster().nodes()).size();
      List<NewTopic> missing = new ArrayList<>();
      List<TopicPlan> present = new ArrayList<>();
      for (TopicPlan plan : plans) {
        if (existing.contains(plan.name())) {
          present.add(plan);
        } else {
          missing.add(newTopic(plan, brokers));
        }
      }
      List<String> created = create(missing);
      List<SettingConflict> conflicts = conflicts(present);
      for (SettingConflict conflict : conflicts) {
        if (WARNED.add(conflict)) {
          LOG.warn(conflict.describe());
        }
      }
      return new Outcome(created, conflicts);
    } catch (ExecutionException e) {
      throw new TopicSetupException(
          "Cannot create topics: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new TopicSetupException(
          "No answer from Kafka within " + TIMEOUT_SECONDS + " s while creating topics", e);
    }
  }

  private static NewTopic newTopic(TopicPlan plan, int brokers) {
    Optional<Short> replicas = brokers == 1 ? Optional.of((short) 1) : Optional.empty();
    return new NewTopic(plan.name(), plan.partitions(), replicas).configs(plan.settings());
  }

  private List<String> create(List<NewTopic> missing) throws ExecutionException, TimeoutException {
    List<String> created = new ArrayList<>();
    if (missing.isEmpty()) {
      return created;
    }
    Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
    for (NewTopic topic : missing) {
      try {
        await(results.get(topic.name()));
        created.add(topic.name());
      } catch (ExecutionException e) {
        // Another process created it between the listing and the creation: it exists, as wanted.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return created;
  }

  private List<SettingConflict> conflicts(List<TopicPlan> present)
      throws ExecutionException, TimeoutException {
    List<SettingConflict> conflicts = new ArrayList<>();
    List<TopicPlan> withSettings = present.stream().filter(p -> !p.settings().isEmpty()).toList();
    if (withSettings.isEmpty()) {
      return conflicts;
    }
    List<ConfigResource> resources =
        withSettings.stream()
            .map(plan -> new ConfigResource(ConfigResource.Type.TOPIC, plan.name()))
            .toList();
    Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
    for (TopicPlan plan : withSettings) {
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, plan.name()));
      for (Map.Entry<String, String> wanted : new TreeMap<>(plan.settings()).entrySet()) {
        ConfigEntry entry = config.get(wanted.getKey());
        String found = entry == null ? null : entry.value();
        if (!TopicPlan.satisfies(wanted.getKey(), found, wanted.getValue())) {
          conflicts.add(
              new SettingConflict(
                  plan.name(), wanted.getKey(), String.valueOf(found), wanted.getValue()));
        }
      }
    }
    return conflicts;
  }

  private static <T> T await(KafkaFuture<T> future) throws ExecutionException, TimeoutException {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicSetupException("Interrupted while setting up topics", e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
