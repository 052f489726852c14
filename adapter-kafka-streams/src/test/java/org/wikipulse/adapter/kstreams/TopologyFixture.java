package org.wikipulse.adapter.kstreams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.domain.ReferenceInput;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;
import org.wikipulse.topics.DeadLetterLimit;

/**
 * The topology in a TopologyTestDriver with n input partitions (n one-partition topics, see {@link
 * SourceLayout}), a fresh in-memory registry, and the domain's reference fed the same input in the
 * same order.
 */
final class TopologyFixture implements AutoCloseable {
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
  static final String OUTPUT = "edit-counts";
  static final String DEAD_LETTERS = "dead-letters";

  /** A broker's default {@code max.message.bytes}, as a dead-letter topic has it by default. */
  static final DeadLetterLimit KAFKA_DEFAULT_LIMIT = new DeadLetterLimit(1_048_588);

  final InMemorySchemaRegistry registry;
  final RecentChangeWriter writer;
  final StreamsTelemetry counters = new StreamsTelemetry();
  final WindowSpec windows;
  private final int partitions;
  private final TopologyTestDriver driver;
  private final List<TestInputTopic<byte[], byte[]>> inputs = new ArrayList<>();
  private final TestOutputTopic<String, byte[]> output;
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private final List<ReferenceInput> referenceInputs = new ArrayList<>();
  private final List<TestRecord<String, byte[]>> outputRecords = new ArrayList<>();

  TopologyFixture(int partitions) {
    this(partitions, WindowSpec.DEFAULT, UnaryOperator.identity());
  }

  /**
   * @param wrapCodecs wraps the codecs bound to this fixture's registry, to simulate failures
   */
  TopologyFixture(int partitions, WindowSpec windows, UnaryOperator<WireCodecs> wrapCodecs) {
    this.partitions = partitions;
    this.windows = windows;
    String registryName = "kstreams-test-" + UUID.randomUUID();
    this.registry = InMemorySchemaRegistry.named(registryName);
    this.writer = new RecentChangeWriter(registry, "recentchange-value", AvroSchemas.RECENT_CHANGE);
    WireCodecs used =
        wrapCodecs.apply(
            new ConfluentWireCodecs(
                new InMemoryRegistryConnector(registryName), "edit-counts-value"));
    List<InputTopic> topics = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      topics.add(new InputTopic(inputTopic(p), 1));
    }
    TopologyConfig config =
        new TopologyConfig(
            topics,
            KafkaSource.StartingOffsets.EARLIEST,
            OUTPUT,
            DEAD_LETTERS,
            windows,
            IDLE_TIMEOUT,
            used,
            counters,
            LateEvents.COUNT,
            KAFKA_DEFAULT_LIMIT);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "kstreams-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            AnalysisTopology.buildTopology(config), props, Instant.parse("2030-01-01T00:00:00Z"));
    for (int p = 0; p < partitions; p++) {
      inputs.add(
          driver.createInputTopic(
              inputTopic(p), new ByteArraySerializer(), new ByteArraySerializer()));
    }
    output =
        driver.createOutputTopic(OUTPUT, new StringDeserializer(), new ByteArrayDeserializer());
    deadLetters =
        driver.createOutputTopic(
            DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static String inputTopic(int partition) {
    return "recentchange-" + partition;
  }

  /** Sends a record to a partition, and its event to the reference. */
  void send(int partition, GenericRecord record) {
    sendRaw(partition, writer.write(record));
    referenceInputs.add(
        new ReferenceInput.Event(partition, RecentChangeRecords.toEditEvent(record)));
  }

  /** Sends a value the reference never sees, such as a bad record. */
  void sendRaw(int partition, byte[] value) {
    inputs.get(partition).pipeInput(new TestRecord<>(null, value));
  }

  /** Sends a bad record with a key and headers. */
  void sendRaw(int partition, TestRecord<byte[], byte[]> record) {
    inputs.get(partition).pipeInput(record);
  }

  /**
   * Moves the driver's wall clock on, and tells the reference which partitions that makes idle (the
   * test states them, so that a wrong idle rule in the topology shows as a difference).
   */
  void advanceWallClock(Duration duration, int... partitionsGoingIdle) {
    driver.advanceWallClockTime(duration);
    for (int p : partitionsGoingIdle) {
      referenceInputs.add(new ReferenceInput.Idle(p));
    }
  }

  /** Sends a canary far in the future to every partition, which closes every window. */
  void closeAllWindows() {
    for (int p = 0; p < partitions; p++) {
      send(p, Events.canary(1_000_000));
    }
  }

  ReferenceResult reference() {
    return ReferenceResult.of(windows, partitions, referenceInputs);
  }

  /** Every output row so far, in output order, with its key checked. */
  List<WindowCount> rows() {
    outputRecords.addAll(output.readRecordsToList());
    List<WindowCount> rows = new ArrayList<>();
    for (TestRecord<String, byte[]> record : outputRecords) {
      WindowCount row = EditCountRecords.decode(record.value(), registry);
      if (!record.key().equals(EditCountEncoder.keyOf(row))) {
        throw new AssertionError("Key " + record.key() + " does not match row " + row);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The sum over tasks of one of the topology's Kafka Streams metrics. */
  double metricTotal(String name) {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals(TaskMetrics.GROUP))
        .filter(e -> e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
