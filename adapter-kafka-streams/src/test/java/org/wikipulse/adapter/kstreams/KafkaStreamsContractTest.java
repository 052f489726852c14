package org.wikipulse.adapter.kstreams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.contract.Capability;
import org.wikipulse.contract.ContractDeadLetter;
import org.wikipulse.contract.ContractPipeline;
import org.wikipulse.contract.ContractRecord;
import org.wikipulse.contract.RuntimeContractSuite;
import org.wikipulse.contract.RuntimeHarness;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.PipelineSpec;

/** The cross-runtime contract, on the Kafka Streams topology in a TopologyTestDriver. */
class KafkaStreamsContractTest extends RuntimeContractSuite {

  @Override
  protected RuntimeHarness newHarness() {
    return new TopologyTestDriverHarness();
  }

  /**
   * Each input partition is a one-partition topic of its own, since the driver has one partition
   * per topic; the topology treats every (topic, partition) as a source (see {@link SourceLayout}).
   */
  private static final class TopologyTestDriverHarness implements RuntimeHarness {
    private static final String OUTPUT = "edit-counts";
    private static final String DEAD_LETTERS = "dead-letters";

    private final StreamsTelemetry counters = new StreamsTelemetry();
    private final List<WindowCount> results = new ArrayList<>();
    private final List<ContractDeadLetter> deadLetters = new ArrayList<>();
    private final List<TestInputTopic<byte[], byte[]>> inputs = new ArrayList<>();
    private ContractPipeline pipeline;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, byte[]> output;
    private TestOutputTopic<byte[], byte[]> deadLetterOutput;

    @Override
    public Map<Capability, String> unsupported() {
      return Map.of();
    }

    @Override
    public void start(ContractPipeline pipeline) {
      this.pipeline = pipeline;
      List<InputTopic> topics = new ArrayList<>();
      for (int p = 0; p < pipeline.partitions(); p++) {
        topics.add(new InputTopic("wikimedia-" + p, 1));
      }
      TopologyConfig config =
          new TopologyConfig(
              topics,
              KafkaSource.StartingOffsets.EARLIEST,
              OUTPUT,
              DEAD_LETTERS,
              pipeline.windows(),
              pipeline.idleTimeout(),
              pipeline.codecs(),
              counters,
              pipeline.lateEvents(),
              TopologyFixture.KAFKA_DEFAULT_LIMIT);
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, pipeline.applicationId());
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
      driver =
          new TopologyTestDriver(
              AnalysisTopology.buildTopology(config), props, Instant.parse("2030-01-01T00:00:00Z"));
      for (InputTopic topic : topics) {
        inputs.add(
            driver.createInputTopic(
                topic.name(), new ByteArraySerializer(), new ByteArraySerializer()));
      }
      output =
          driver.createOutputTopic(OUTPUT, new StringDeserializer(), new ByteArrayDeserializer());
      deadLetterOutput =
          driver.createOutputTopic(
              DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void feed(List<ContractRecord> batch) {
      for (ContractRecord record : batch) {
        inputs.get(record.partition()).pipeInput(new TestRecord<>(null, record.value()));
      }
    }

    @Override
    public void markIdle(int partition) {
      // Wall-clock silence makes every silent source idle, as it would on a real broker. The
      // topology measures silence from its first wall-clock check, so the clock ticks once first.
      driver.advanceWallClockTime(Duration.ofSeconds(1));
      driver.advanceWallClockTime(pipeline.idleTimeout().plus(Duration.ofSeconds(1)));
    }

    /**
     * Under exactly_once_v2 (the runtime's default, checked here) Kafka Streams commits a task's
     * input offsets in the transaction of its output, so a batch whose output committed is never
     * read again: the crash this stands for leaves nothing to replay. What a real crash does is the
     * broker-level fault suite's subject (real processes, SIGKILL).
     */
    @Override
    public void replayLastBatch() {
      Object guarantee =
          StreamsProperties.of(
                  new PipelineSpec(
                      pipeline.applicationId(),
                      new KafkaSource("unused:9092", "in", KafkaSource.StartingOffsets.EARLIEST),
                      new KafkaSink("unused:9092", "out", "dlq", "out-value"),
                      pipeline.windows(),
                      pipeline.idleTimeout(),
                      Path.of("unused"),
                      Map.of(),
                      Map.of()),
                  pipeline.partitions(),
                  "contract-instance",
                  TopologyFixture.KAFKA_DEFAULT_LIMIT)
              .get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
      if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee)) {
        throw new AssertionError("The runtime's processing guarantee is " + guarantee);
      }
    }

    @Override
    public List<WindowCount> results() {
      for (TestRecord<String, byte[]> record : output.readRecordsToList()) {
        WindowCount row = EditCountRecords.decode(record.value(), pipeline.registry());
        if (!record.key().equals(EditCountEncoder.keyOf(row))) {
          throw new AssertionError("Key " + record.key() + " does not match its row " + row);
        }
        results.add(row);
      }
      return List.copyOf(results);
    }

    @Override
    public List<ContractDeadLetter> deadLetters() {
      for (TestRecord<byte[], byte[]> record : deadLetterOutput.readRecordsToList()) {
        deadLetters.add(
            new ContractDeadLetter(
                DeadLetterReason.valueOf(header(record, DeadLetterHeaders.ERROR_CLASS)),
                header(record, DeadLetterHeaders.ERROR_MESSAGE),
                record.value(),
                lastHeaders(record)));
      }
      return List.copyOf(deadLetters);
    }

    private static Map<String, String> lastHeaders(TestRecord<byte[], byte[]> record) {
      Map<String, String> headers = new HashMap<>();
      for (Header header : record.headers()) {
        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
      return headers;
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
      Header header = record.headers().lastHeader(name);
      if (header == null) {
        throw new AssertionError("Dead letter without header " + name);
      }
      return new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public PipelineProgress counters() {
      return counters.snapshot();
    }

    @Override
    public void close() {
      if (driver != null) {
        driver.close();
      }
    }
  }
}
