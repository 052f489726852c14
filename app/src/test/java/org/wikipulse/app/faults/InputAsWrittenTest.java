package org.wikipulse.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The fault suite judges a pipeline by its input as the topic holds it: records a producer wrote
 * twice are in the counts and the reference twice, and a record nobody planned stops the case.
 */
class InputAsWrittenTest {
  private static final int EVENTS = 2_000;
  private static final int REPEATED = 10;

  private final LocalStack stack = SharedLocalStack.get();
  private final SchemaRegistry registry = RegistrySettings.of(stack.registryUrl()).connect();
  private final String brokers = stack.bootstrapServers();

  /**
   * Purpose: a batch written twice (as a producer retrying through a broker kill can) is counted as
   * the pipeline will see it. Input: half of a 2,000-event fault input, the last 10 records of
   * partition 0 written again right after them, then the rest. Pass: the input's records are the
   * planned ones plus 10, its decoded events in the reference and its bad records grow by the
   * repeated ones of each kind, and each bad record's position is on the topic.
   */
  @Test
  void recordsWrittenTwiceAreCountedTwice() {
    FaultInput input = newInput();
    int planned = input.plannedRecords();
    input.writeBacklog(brokers, 0.5);
    List<ConsumerRecord<String, byte[]>> partitionZero =
        KafkaTestClients.readUntil(
                brokers, input.topic(), Duration.ofSeconds(30), r -> r.size() >= input.written())
            .stream()
            .filter(record -> record.partition() == 0)
            .toList();
    List<ConsumerRecord<String, byte[]>> repeated =
        partitionZero.subList(partitionZero.size() - REPEATED, partitionZero.size());
    try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(brokers)) {
      for (ConsumerRecord<String, byte[]> record : repeated) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        producer.send(
            new ProducerRecord<>(input.topic(), 0, record.timestamp(), key, record.value()));
      }
    }
    long repeatedBad = repeated.stream().filter(record -> record.key() == null).count();
    input.writeBacklog(brokers, 1.0);

    assertThat(input.records()).as("records on the topic").isEqualTo(planned + REPEATED);
    int plannedBad = EVENTS / FaultInput.BAD_EVERY;
    assertThat(input.badRecords()).as("bad records").isEqualTo(plannedBad + repeatedBad);
    assertThat(input.badPositions()).hasSize(input.badRecords());
    long plannedEvents = planned - plannedBad;
    assertThat(input.expected().eventsIn())
        .as("decoded events in the reference")
        .isEqualTo(plannedEvents + REPEATED - repeatedBad);
  }

  /** Purpose: a record on the input topic that was not planned fails the read-back, loudly. */
  @Test
  void aRecordNobodyPlannedFailsTheReadBack() {
    FaultInput input = newInput();
    input.writeBacklog(brokers, 0.5);
    try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(brokers)) {
      producer.send(new ProducerRecord<>(input.topic(), 1, null, new byte[] {0, 1, 2, 3}));
    }
    assertThatThrownBy(() -> input.writeBacklog(brokers, 1.0))
        .hasMessageContaining("holds a record that was not planned, at 1/");
  }

  private FaultInput newInput() {
    FaultInput input =
        new FaultInput(
            "faults-read-back-" + UUID.randomUUID().toString().substring(0, 8) + ".in",
            registry,
            EVENTS,
            5);
    input.createTopic(brokers);
    return input;
  }
}
