package org.wikipulse.contract.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.contract.kafka.GeneratedBacklog.BadRecordMaker;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.KafkaBrokerProcess;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.SchemaRegistry;
import org.wikipulse.ports.WireCodecs;

/**
 * What every broker-level case shares, set up once per test JVM: the local stack (a KRaft broker
 * with a plain and a SASL/PLAIN listener, and a schema registry), the generated 4-partition backlog
 * with its undecodable records, the reference's answer for it, a {@code read_committed} reader of
 * output topics, and the assertions that each key and each dead letter is there once. A new case
 * takes what it needs from here rather than producing a backlog of its own.
 */
public final class BrokerFixture {
  /** Partitions of the shared backlog. */
  public static final int PARTITIONS = 4;

  /** Generated events in the shared backlog. */
  public static final int EVENTS = 200_000;

  /** Undecodable records among them: three bytes each, too short for the wire-format header. */
  public static final int BAD_RECORDS = 20;

  /** How long any wait of a case may take. */
  public static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);

  private static BrokerFixture shared;

  private final LocalStack stack;
  private final RegistrySettings registrySettings;
  private final GeneratedBacklog backlog;

  private BrokerFixture(LocalStack stack) {
    this.stack = stack;
    this.registrySettings = RegistrySettings.of(stack.registryUrl());
    long started = System.nanoTime();
    // Spread evenly over the partitions: no event is late in the reference (minimum over the
    // partitions) nor in a runtime that reads them in proportion (maximum), so all agree.
    this.backlog =
        GeneratedBacklog.produce(
            stack.bootstrapServers(),
            registrySettings.connect(),
            "recentchange-broker-" + UUID.randomUUID(),
            new GeneratedBacklog.Recipe(
                PARTITIONS, EVENTS, BAD_RECORDS, 42, BadRecordMaker.tooShort(), false));
    System.out.printf(
        "Produced %,d records to %d partitions in %d ms%n",
        backlog.records(), PARTITIONS, (System.nanoTime() - started) / 1_000_000);
  }

  /** The fixture of this JVM, started and filled on first use. */
  public static synchronized BrokerFixture get() {
    if (shared == null) {
      shared = new BrokerFixture(SharedLocalStack.get());
    }
    return shared;
  }

  public LocalStack stack() {
    return stack;
  }

  public RegistrySettings registrySettings() {
    return registrySettings;
  }

  /** The shared backlog: its topic, record counts and the reference's answer. */
  public GeneratedBacklog backlog() {
    return backlog;
  }

  /** The reference's answer for the shared backlog. */
  public ReferenceResult expected() {
    return backlog.expected();
  }

  /** The codecs a pipeline of this spec writes with, against the shared registry. */
  public WireCodecs codecs(PipelineSpec spec) {
    return new ConfluentWireCodecs(registrySettings, spec.sink().valueSubject());
  }

  /**
   * A pipeline of its own (application id, output and dead-letter topics) reading the shared
   * backlog through the plain listener.
   */
  public PipelineSpec spec(
      String runtime, String purpose, Path stateDir, Map<String, String> engineProperties) {
    return spec(
        runtime,
        purpose,
        stateDir,
        engineProperties,
        backlog.topic(),
        stack.bootstrapServers(),
        Map.of());
  }

  /**
   * A pipeline of its own (application id, output and dead-letter topics) reading a case's own
   * {@code inputTopic} through the plain listener, for a case whose input the shared backlog cannot
   * be.
   */
  public PipelineSpec specReading(
      String inputTopic,
      String runtime,
      String purpose,
      Path stateDir,
      Map<String, String> engineProperties) {
    return spec(
        runtime,
        purpose,
        stateDir,
        engineProperties,
        inputTopic,
        stack.bootstrapServers(),
        Map.of());
  }

  /** As above, through the SASL/PLAIN listener, logging in with the Kafka client settings. */
  public PipelineSpec saslSpec(
      String runtime, String purpose, Path stateDir, Map<String, String> engineProperties) {
    return spec(
        runtime,
        purpose,
        stateDir,
        engineProperties,
        backlog.topic(),
        stack.saslPlainBootstrapServers(),
        KafkaBrokerProcess.saslPlainClientProperties());
  }

  private PipelineSpec spec(
      String runtime,
      String purpose,
      Path stateDir,
      Map<String, String> engineProperties,
      String inputTopic,
      String bootstrapServers,
      Map<String, String> kafkaClientProperties) {
    String id = runtime + "-" + purpose + "-" + UUID.randomUUID();
    return new PipelineSpec(
        id,
        new KafkaSource(bootstrapServers, inputTopic, KafkaSource.StartingOffsets.EARLIEST),
        new KafkaSink(bootstrapServers, id + "-out", id + "-dlq", id + "-out-value"),
        WindowSpec.DEFAULT,
        Duration.ofSeconds(60),
        stateDir,
        engineProperties,
        kafkaClientProperties);
  }

  /** Waits until the pipeline's counters meet the condition; fails with them after the timeout. */
  public PipelineProgress awaitProgress(
      RunningPipeline pipeline, Predicate<PipelineProgress> condition) {
    long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
    while (!condition.test(pipeline.progress())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Only " + pipeline.progress() + " within " + RESULT_TIMEOUT);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + pipeline.progress(), e);
      }
    }
    return pipeline.progress();
  }

  /** Waits until the condition holds; fails naming it after the timeout. */
  public void awaitCondition(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + RESULT_TIMEOUT + ": " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting until " + what, e);
      }
    }
  }

  /**
   * Every committed record of a topic, read with {@code read_committed} until there are at least
   * {@code count}, then one quiet second longer to catch duplicates.
   */
  public List<ConsumerRecord<String, byte[]>> readCommitted(String topic, int count) {
    return KafkaTestClients.readAtLeast(stack.bootstrapServers(), topic, count, RESULT_TIMEOUT);
  }

  /** As above, until the records read so far meet the condition. */
  public List<ConsumerRecord<String, byte[]>> readCommittedUntil(
      String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    return KafkaTestClients.readUntil(stack.bootstrapServers(), topic, RESULT_TIMEOUT, done);
  }

  /**
   * The output rows, read until there are {@code count}, asserting that each (window, actor) key is
   * written exactly once.
   */
  public List<WindowCount> rowsWrittenOncePerKey(PipelineSpec spec, int count) {
    SchemaRegistry registry = registrySettings.connect();
    Set<String> keys = new HashSet<>();
    List<WindowCount> rows = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : readCommitted(spec.sink().topic(), count)) {
      assertThat(keys.add(record.key())).as("key %s written once", record.key()).isTrue();
      rows.add(EditCountRecords.decode(record.value(), registry));
    }
    return rows;
  }

  /**
   * The last row written under each key, read until there are {@code distinctKeys} keys: the view
   * of a compacted topic, for a sink that may write a key again.
   */
  public List<WindowCount> lastRowPerKey(PipelineSpec spec, int distinctKeys) {
    List<ConsumerRecord<String, byte[]>> records =
        readCommittedUntil(
            spec.sink().topic(),
            all -> all.stream().map(ConsumerRecord::key).distinct().count() >= distinctKeys);
    SchemaRegistry registry = registrySettings.connect();
    Map<String, WindowCount> lastByKey = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      lastByKey.put(record.key(), EditCountRecords.decode(record.value(), registry));
    }
    return new ArrayList<>(lastByKey.values());
  }

  /** Asserts the rows are the reference's answer for the shared backlog, row for row. */
  public void assertTheReference(List<WindowCount> rows) {
    assertThat(rows).hasSize(expected().rows().size());
    assertThat(rows.stream().sorted(WindowCount.ORDER).toList())
        .containsExactlyElementsOf(expected().sortedRows());
  }

  /**
   * The dead letters of a pipeline on the shared backlog, identified by the source partition and
   * offset of the record each stands for, read until every bad record has one.
   */
  public List<String> deadLetterSources(PipelineSpec spec) {
    List<String> sources = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> deadLetter :
        readCommitted(spec.sink().deadLetterTopic(), BAD_RECORDS)) {
      String partition = header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION);
      String offset = header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET);
      assertThat(partition).as("source partition header of a dead letter").isNotNull();
      assertThat(offset).as("source offset header of a dead letter").isNotNull();
      sources.add(partition + "@" + offset);
    }
    return sources;
  }

  /** A header's value as text, or null if the record has none of that name. */
  public static String header(ConsumerRecord<?, ?> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
