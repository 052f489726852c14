package org.wikipulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.contract.kafka.GeneratedBacklog.BadRecordMaker;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Several {@code wikipulse run --runtime kafka-streams} processes sharing one application id: each
 * its own JVM with its own state directory, as on several machines. The generated backlog is copied
 * into their input topic over {@link #BACKLOG_ARRIVAL} ({@link PacedCopy}), so that a backlog one
 * instance would work through in a second lasts long enough for instances to join and die while it
 * is being worked through.
 */
@Timeout(value = 240)
class KafkaStreamsInstancesTest {
  private static final int PARTITIONS = 4;
  private static final int OUTPUT_PARTITIONS = 3;
  private static final int EVENTS = 60_000;

  /** How long the backlog takes to arrive in the topic the instances read. */
  private static final Duration BACKLOG_ARRIVAL = Duration.ofSeconds(75);

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

  private static LocalStack stack;
  private static SchemaRegistry registry;
  private static final List<ChildProcess> started = new ArrayList<>();

  @BeforeAll
  static void stack() {
    stack = SharedLocalStack.get();
    registry = RegistrySettings.of(stack.registryUrl()).connect();
  }

  @AfterAll
  static void killInstances() {
    started.forEach(ChildProcess::kill);
  }

  /**
   * Purpose: the work spreads over instances that join mid-backlog, and the single merger task
   * survives the death of the instance that holds it. Input: 60,000 generated events on 4
   * partitions with 8 bad records of three kinds. Steps: instance 1 starts; once rows come out,
   * instances 2 and 3 join (rebalances while processing); once all three hold tasks, the instance
   * holding the merger's task is killed with SIGKILL, before the backlog is through. Pass: the
   * output read with read_committed is exactly the reference's, each (window, actor) key once, each
   * bad record dead-lettered once. Measured: how long output stopped after the kill.
   */
  @Test
  void threeInstancesRebalanceAndSurviveTheMergersDeath() throws Exception {
    GeneratedBacklog backlog =
        GeneratedBacklog.produce(
            stack.bootstrapServers(),
            registry,
            "kstreams-in-" + UUID.randomUUID(),
            new GeneratedBacklog.Recipe(
                PARTITIONS, EVENTS, 8, 29, BadRecordMaker.eachKind(), false));
    String id = "kstreams-instances-" + UUID.randomUUID();
    Path dir = ClusterTestPaths.workDir().resolve(id);
    String input = id + "-in";
    KafkaTestClients.createTopic(stack.bootstrapServers(), input, PARTITIONS);
    KafkaTestClients.createTopic(stack.bootstrapServers(), id + "-out", OUTPUT_PARTITIONS);

    try (Admin admin = admin();
        OutputArrivals arrivals =
            new OutputArrivals(stack.bootstrapServers(), id + "-out", OUTPUT_PARTITIONS);
        PacedCopy copy =
            new PacedCopy(
                stack.bootstrapServers(),
                backlog.topic(),
                input,
                PARTITIONS,
                backlog.records(),
                (int) (backlog.records() / BACKLOG_ARRIVAL.toSeconds()))) {
      ChildProcess first = instance(1, backlog, input, id, dir);
      first.awaitCondition(() -> arrivals.count() > 0, "first rows out", STEP_TIMEOUT);
      ChildProcess second = instance(2, backlog, input, id, dir);
      ChildProcess third = instance(3, backlog, input, id, dir);
      List<ChildProcess> instances = List.of(first, second, third);
      // During a cooperative rebalance the merger's partition can be between owners: wait for both.
      first.awaitCondition(
          () -> holdingTasks(admin, id) == 3 && mergerHolder(admin, id).isPresent(),
          "three instances holding tasks, one of them the merger's",
          STEP_TIMEOUT);
      int merger = mergerHolder(admin, id).orElseThrow();
      int rowsAtKill = arrivals.count();
      assertThat(copy.done()).as("the backlog is still arriving at the kill").isFalse();
      assertThat(rowsAtKill)
          .as("rows out at the kill: mid-backlog")
          .isLessThan(backlog.expected().rows().size());
      long killed = System.nanoTime();
      instances.get(merger - 1).kill();
      System.out.printf(
          "kafka-streams instances: killed instance %d (the merger's) with SIGKILL at %d of %d rows%n",
          merger, rowsAtKill, backlog.expected().rows().size());

      ChildProcess survivor = instances.get(merger == 1 ? 1 : 0);
      survivor.awaitCondition(
          () -> arrivals.millisUntilNextAfter(killed) >= 0, "output after the kill", STEP_TIMEOUT);
      long stopMillis = arrivals.millisUntilNextAfter(killed);
      PipelineOutput output =
          PipelineOutput.await(stack.bootstrapServers(), id, backlog, STEP_TIMEOUT);
      System.out.printf(
          "kafka-streams merger failover: output stopped %,d ms after SIGKILL of its instance"
              + " (longest pause before the kill: %,d ms)%n",
          stopMillis, arrivals.longestGapBeforeMillis(killed));
      output.assertExactlyTheReference(backlog, registry);
      for (ChildProcess instance : instances) {
        if (instance.isAlive()) {
          instance.terminate(Duration.ofSeconds(30));
        }
      }
    }
  }

  private static ChildProcess instance(
      int n, GeneratedBacklog backlog, String input, String id, Path dir) {
    Map<String, String> settings =
        WikipulseProcess.settings(stack, backlog, id, dir.resolve("instance-" + n));
    settings.put("topics.input", input);
    settings.put("engine.client.id", clientId(id, n));
    ChildProcess instance = WikipulseProcess.run("instance-" + n, dir, "kafka-streams", settings);
    started.add(instance);
    return instance;
  }

  private static String clientId(String id, int instance) {
    return id + "-i" + instance;
  }

  /** How many of the group's members (instances) hold at least one partition. */
  private static long holdingTasks(Admin admin, String id) {
    return members(admin, id).stream()
        .filter(member -> !member.assignment().topicPartitions().isEmpty())
        .map(member -> instanceOf(id, member))
        .distinct()
        .count();
  }

  /** The instance whose consumer reads the merger's input topic. */
  private static Optional<Integer> mergerHolder(Admin admin, String id) {
    TopicPartition mergerInput = new TopicPartition(id + "-merger-input-repartition", 0);
    return members(admin, id).stream()
        .filter(member -> member.assignment().topicPartitions().contains(mergerInput))
        .map(member -> instanceOf(id, member))
        .findFirst();
  }

  private static int instanceOf(String id, MemberDescription member) {
    String prefix = id + "-i";
    if (!member.clientId().startsWith(prefix)) {
      throw new AssertionError("Unexpected group member " + member.clientId());
    }
    return Character.getNumericValue(member.clientId().charAt(prefix.length()));
  }

  private static List<MemberDescription> members(Admin admin, String id) {
    try {
      ConsumerGroupDescription group =
          admin.describeConsumerGroups(List.of(id)).all().get().get(id);
      return Optional.ofNullable(group).map(g -> List.copyOf(g.members())).orElse(List.of());
    } catch (ExecutionException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    return Admin.create(props);
  }
}
