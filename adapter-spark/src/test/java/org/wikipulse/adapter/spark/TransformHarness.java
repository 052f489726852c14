package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.domain.ReferenceAnalysis;
import org.wikipulse.domain.ReferenceInput;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;

/**
 * {@link EditCountQuery#transform} on a memory stream, with a registry of its own, an event feed,
 * and readers for what reached the sink.
 */
final class TransformHarness implements AutoCloseable {
  static final String INPUT_TOPIC = "recentchange";
  static final String OUTPUT_TOPIC = "edit-counts";
  static final String DEAD_LETTER_TOPIC = "recentchange-dead-letters";

  final InMemorySchemaRegistry registry;
  final EventFeed feed;
  private final WindowSpec windows;
  private final MemoryStreamQuery query;
  private final CollectedDeadLetters deadLetters = new CollectedDeadLetters(DEAD_LETTER_TOPIC);

  /**
   * @param windows the windows to count in
   * @param sessionConf SQL settings for this harness's session, over the query's own
   */
  TransformHarness(WindowSpec windows, Map<String, String> sessionConf) {
    String registryName = "spark-test-" + UUID.randomUUID();
    this.registry = InMemorySchemaRegistry.named(registryName);
    this.windows = windows;
    WireCodecs codecs =
        new ConfluentWireCodecs(
            new InMemoryRegistryConnector(registryName), OUTPUT_TOPIC + "-value");
    EditCountQuery.Settings settings =
        new EditCountQuery.Settings(windows, codecs.outputSchema(), OUTPUT_TOPIC, deadLetters);
    this.feed = new EventFeed(registry, INPUT_TOPIC);
    SparkSession session = SharedSpark.newSession();
    QuerySessionConf.apply(session);
    sessionConf.forEach(session.conf()::set);
    this.query =
        new MemoryStreamQuery(
            session, records -> EditCountQuery.transform(records, codecs, settings));
  }

  TransformHarness() {
    this(WindowSpec.DEFAULT, Map.of());
  }

  void feed(List<KafkaRecord> batch) {
    query.feed(batch);
  }

  /** The counts written so far, each checked to carry the key the ports define for it. */
  List<WindowCount> counts() {
    List<WindowCount> counts = new ArrayList<>();
    for (Row row : outputRows()) {
      WindowCount count = EditCountRecords.decode((byte[]) row.getAs(KafkaColumns.VALUE), registry);
      assertThat(new String((byte[]) row.getAs(KafkaColumns.KEY), StandardCharsets.UTF_8))
          .isEqualTo(EditCountEncoder.keyOf(count));
      assertThat(KafkaRecord.headersOf(row)).isEmpty();
      counts.add(count);
    }
    return counts;
  }

  List<WindowCount> sortedCounts() {
    return counts().stream().sorted(WindowCount.ORDER).toList();
  }

  /** The dead letters stored so far, as rows of {@link KafkaColumns#SINK}. */
  List<Row> deadLetters() {
    return deadLetters.rows();
  }

  /**
   * What the reference computes from the decodable events fed so far, all taken as one partition:
   * Spark's watermark is the maximum over partitions, which is one partition's watermark.
   */
  ReferenceResult reference() {
    return ReferenceResult.of(
        windows,
        1,
        feed.referenceInputs().stream()
            .map(
                input ->
                    (ReferenceInput)
                        new ReferenceInput.Event(0, ((ReferenceInput.Event) input).event()))
            .toList());
  }

  /** What the reference computes with the partitions the events were fed to. */
  ReferenceResult referenceOnPartitions(int partitions) {
    return ReferenceResult.of(windows, partitions, feed.referenceInputs());
  }

  /**
   * The rows the reference has emitted for the events fed so far, without a flush: what the query
   * must have written once Spark's watermark has caught up, for inputs whose late events come in a
   * later batch than the events that make them late.
   */
  List<WindowCount> referenceEmittedSoFar() {
    ReferenceAnalysis analysis = new ReferenceAnalysis(windows, 1);
    List<WindowCount> rows = new ArrayList<>();
    for (ReferenceInput input : feed.referenceInputs()) {
      rows.addAll(analysis.accept(0, ((ReferenceInput.Event) input).event()));
    }
    return rows.stream().sorted(WindowCount.ORDER).toList();
  }

  PipelineProgress progress() {
    return query.progress();
  }

  /** The rows the query wrote, each checked to go to the output topic. */
  private List<Row> outputRows() {
    List<Row> rows = query.sinkRows();
    for (Row row : rows) {
      assertThat(row.<String>getAs(KafkaColumns.TOPIC)).isEqualTo(OUTPUT_TOPIC);
    }
    return rows;
  }

  @Override
  public void close() {
    query.close();
  }
}
