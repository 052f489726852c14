package org.wikipulse.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.contract.kafka.GeneratedBacklog.BadRecordMaker;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The project's promise on a real broker and registry: whichever runtime reads a topic, the answer
 * is the same and it is the reference's.
 */
class CrossRuntimeEndToEndTest {
  private static final int PARTITIONS = 3;
  private static final int EVENTS = 50_000;
  private static final int BAD_RECORDS = 10;
  private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(180);

  private final LocalStack stack = SharedLocalStack.get();
  private final RegistrySettings registrySettings = RegistrySettings.of(stack.registryUrl());

  @TempDir Path stateDir;

  /**
   * Purpose: both runtimes give the reference's answer. Input: 50,000 generated recentchange events
   * (bot share about 22 %, several event types, out of order by up to 50 s) on a 3-partition topic,
   * the middle third written under the v2 writer schema, ten bad records of three kinds, and a
   * canary far ahead in every partition. Pass: each runtime, found through ServiceLoader and
   * started from the same topic, writes exactly the reference's rows (no row missing, none twice)
   * and dead-letters exactly the bad records; so the two runtimes' outputs are equal record for
   * record.
   */
  @Test
  void bothRuntimesWriteTheReferenceRowsFromTheSameTopic() {
    assertBothWriteTheReferenceRows(
        new GeneratedBacklog.Recipe(
            PARTITIONS, EVENTS, BAD_RECORDS, 2026, BadRecordMaker.eachKind(), true),
        90);
  }

  /**
   * Purpose: a partition behind the others loses nothing on either runtime (SEMANTICS example 2 at
   * scale: a replay, an uneven producer). Input: 15,000 generated events on 3 partitions, the third
   * partition's events 5 minutes of event time behind the other two's, each partition in order
   * within the lateness, three bad records; the Spark runtime reads it in micro-batches of at most
   * 2,000 records, so that the fast partitions' event time is well ahead by the time the slow one's
   * records are read. Pass: both runtimes write exactly the reference's rows (a watermark that
   * follows the fastest partition, as Spark's own does, drops most of the third partition).
   */
  @Test
  void aPartitionMinutesBehindTheOthersLosesNothingOnEitherRuntime() {
    assertBothWriteTheReferenceRows(
        new GeneratedBacklog.Recipe(
            PARTITIONS, 15_000, 3, 2027, BadRecordMaker.eachKind(), false, Duration.ofMinutes(5)),
        30);
  }

  private void assertBothWriteTheReferenceRows(GeneratedBacklog.Recipe recipe, int minimumRows) {
    GeneratedBacklog backlog =
        GeneratedBacklog.produce(
            stack.bootstrapServers(),
            registrySettings.connect(),
            "xrt-" + UUID.randomUUID(),
            recipe);
    List<WindowCount> expected = backlog.expected().sortedRows();
    assertThat(expected).as("windows of three actors").hasSizeGreaterThan(minimumRows);

    Map<String, List<WindowCount>> outputs = new LinkedHashMap<>();
    for (AnalysisRuntime runtime : ServiceLoader.load(AnalysisRuntime.class)) {
      outputs.put(runtime.name(), runOnce(runtime, backlog));
    }

    assertThat(outputs).containsOnlyKeys("kafka-streams", "spark");
    for (Map.Entry<String, List<WindowCount>> output : outputs.entrySet()) {
      assertThat(output.getValue())
          .as("%s rows", output.getKey())
          .containsExactlyElementsOf(expected);
    }
    assertThat(outputs.get("spark")).isEqualTo(outputs.get("kafka-streams"));
  }

  private List<WindowCount> runOnce(AnalysisRuntime runtime, GeneratedBacklog backlog) {
    String id = "xrt-" + runtime.name() + "-" + UUID.randomUUID();
    PipelineSpec spec =
        new PipelineSpec(
            id,
            new KafkaSource(
                stack.bootstrapServers(), backlog.topic(), KafkaSource.StartingOffsets.EARLIEST),
            new KafkaSink(stack.bootstrapServers(), id + "-out", id + "-dlq", id + "-out-value"),
            WindowSpec.DEFAULT,
            Duration.ofSeconds(60),
            stateDir.resolve(runtime.name()),
            Map.of("spark.master", "local[2]", "maxOffsetsPerTrigger", "2000"),
            Map.of());
    long started = System.nanoTime();
    List<ConsumerRecord<String, byte[]>> records;
    List<ConsumerRecord<String, byte[]>> deadLetters;
    try (RunningPipeline pipeline =
        runtime.start(
            spec, new ConfluentWireCodecs(registrySettings, spec.sink().valueSubject()))) {
      records = readAtLeast(spec.sink().topic(), backlog.expected().rows().size());
      deadLetters = readAtLeast(spec.sink().deadLetterTopic(), backlog.badRecords());
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      PipelineProgress progress = pipeline.progress();
      System.out.printf(
          "%s: %,d records in, %,d rows out, %,d dead letters in %,d ms; counters %s%n",
          runtime.name(),
          backlog.records(),
          records.size(),
          deadLetters.size(),
          elapsedMs,
          progress);
      assertThat(progress.deadLettered()).as("dead-lettered").isEqualTo(backlog.badRecords());
      assertThat(progress.windowsOut()).as("windows out").isEqualTo(records.size());
    }
    assertThat(deadLetters).hasSize(backlog.badRecords());
    SchemaRegistry registry = registrySettings.connect();
    Set<String> keys = new HashSet<>();
    List<WindowCount> rows = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      assertThat(keys.add(record.key())).as("key %s written once", record.key()).isTrue();
      rows.add(EditCountRecords.decode(record.value(), registry));
    }
    return rows.stream().sorted(WindowCount.ORDER).toList();
  }

  private List<ConsumerRecord<String, byte[]>> readAtLeast(String topic, int count) {
    return KafkaTestClients.readAtLeast(stack.bootstrapServers(), topic, count, RESULT_TIMEOUT);
  }
}
