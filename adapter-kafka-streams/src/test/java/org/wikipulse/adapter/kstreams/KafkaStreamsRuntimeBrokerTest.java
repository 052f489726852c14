package org.wikipulse.adapter.kstreams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.SchemaRegistry;

/**
 * What only the Kafka Streams runtime does on a real broker: its idle-partition punctuator. The
 * broker-level contract every runtime meets (backlog, restarts, secured cluster, registry outage)
 * is {@link KafkaStreamsBrokerContractTest}.
 */
class KafkaStreamsRuntimeBrokerTest {
  private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);

  private static LocalStack stack;
  private static RegistrySettings registrySettings;

  @BeforeAll
  static void sharedStack() {
    stack = SharedLocalStack.get();
    registrySettings = RegistrySettings.of(stack.registryUrl());
  }

  /**
   * A partition that never gets data has a task that never processes a record; its wall-clock
   * punctuator must still mark it idle, or it would hold every window back forever.
   */
  @Test
  void aPartitionWithoutDataGoesIdleSoTheOthersWindowsClose(@TempDir Path stateDir)
      throws Exception {
    String topic = "recentchange-idle-" + UUID.randomUUID();
    KafkaTestClients.createTopic(stack.bootstrapServers(), topic, 2);
    RecentChangeWriter writer =
        new RecentChangeWriter(
            registrySettings.connect(), topic + "-value", AvroSchemas.RECENT_CHANGE);
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaTestClients.producer(stack.bootstrapServers())) {
      producer.send(new ProducerRecord<>(topic, 0, null, writer.write(Events.human(10))));
      producer.send(new ProducerRecord<>(topic, 0, null, writer.write(Events.canary(200))));
    }
    PipelineSpec spec = spec("idle", topic, Duration.ofSeconds(2), stateDir);
    try (RunningPipeline pipeline = start(spec)) {
      List<WindowCount> rows = awaitRows(spec, 2);
      assertThat(rows)
          .containsExactly(
              new WindowCount(
                  Instant.ofEpochSecond(Events.T - 30),
                  Instant.ofEpochSecond(Events.T + 30),
                  org.wikipulse.domain.Actor.HUMAN,
                  1),
              new WindowCount(
                  Instant.ofEpochSecond(Events.T),
                  Instant.ofEpochSecond(Events.T + 60),
                  org.wikipulse.domain.Actor.HUMAN,
                  1));
    }
  }

  private static RunningPipeline start(PipelineSpec spec) {
    return new KafkaStreamsRuntime()
        .start(spec, new ConfluentWireCodecs(registrySettings, spec.sink().valueSubject()));
  }

  /** A pipeline of its own (application id, output topics) reading the given topic. */
  private static PipelineSpec spec(
      String purpose, String topic, Duration idleTimeout, Path stateDir) {
    String id = "kstreams-" + purpose + "-" + UUID.randomUUID();
    String bootstrapServers = stack.bootstrapServers();
    return new PipelineSpec(
        id,
        new KafkaSource(bootstrapServers, topic, KafkaSource.StartingOffsets.EARLIEST),
        new KafkaSink(bootstrapServers, id + "-out", id + "-dlq", id + "-out-value"),
        WindowSpec.DEFAULT,
        idleTimeout,
        stateDir,
        Map.of(),
        Map.of());
  }

  /**
   * Reads the output until it has the expected number of rows, then a little longer to catch any
   * duplicate, and checks that no key repeats.
   */
  private static List<WindowCount> awaitRows(PipelineSpec spec, int count) {
    List<ConsumerRecord<String, byte[]>> records = readAll(spec.sink().topic(), count);
    SchemaRegistry registry = registrySettings.connect();
    Set<String> keys = new HashSet<>();
    List<WindowCount> rows = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      assertThat(keys.add(record.key())).as("key %s written once", record.key()).isTrue();
      rows.add(EditCountRecords.decode(record.value(), registry));
    }
    return rows;
  }

  /** Every committed record of a topic, waiting until there are at least {@code count}. */
  private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int count) {
    return KafkaTestClients.readAtLeast(stack.bootstrapServers(), topic, count, RESULT_TIMEOUT);
  }
}
