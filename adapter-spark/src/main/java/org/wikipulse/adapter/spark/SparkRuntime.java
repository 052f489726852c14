package org.wikipulse.adapter.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.OutputSchema;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineObserver;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.WireCodecs;

/**
 * The analysis on Spark Structured Streaming: Kafka in, {@link EditCountQuery}, Kafka out.
 *
 * <p>Engine properties: any {@code spark.*} configuration (such as {@code spark.master}, default
 * {@code local[*]}; {@code spark.driver.host} and {@code spark.driver.bindAddress} default to
 * 127.0.0.1 and {@code spark.ui.enabled} to false; context settings apply only when this runtime
 * starts the context), {@code maxOffsetsPerTrigger} to bound each micro-batch, and {@code kafka.*}
 * consumer and producer settings passed to both Kafka connectors and to the dead-letter producer
 * ({@code kafka.fetch.max.wait.ms} defaults to 10 here: see {@link #FETCH_MAX_WAIT}). The
 * checkpoint is {@code <stateDirectory>/<applicationId>}.
 */
public final class SparkRuntime implements AnalysisRuntime {
  public static final String NAME = "spark";
  static final String MAX_OFFSETS_PER_TRIGGER = "maxOffsetsPerTrigger";

  /**
   * Kafka's default, 500 ms, is how long a fetch waits at the end of a partition for new records;
   * Spark's pooled consumers then often wait that long in the first task of the next micro-batch,
   * for a fetch left waiting by the previous one, which adds half a second to every small batch.
   */
  static final String FETCH_MAX_WAIT = "kafka.fetch.max.wait.ms";

  static final String DEFAULT_FETCH_MAX_WAIT_MS = "10";

  private static final String KAFKA = "kafka.";

  private static final Logger LOG = LoggerFactory.getLogger(SparkRuntime.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunningPipeline start(PipelineSpec spec, WireCodecs codecs, PipelineObserver observer) {
    SinkTopics.prepare(spec);
    OutputSchema outputSchema = codecs.outputSchema();
    SparkSessionLease lease =
        SparkSessionLease.acquire(spec.applicationId(), spec.engineProperties());
    try {
      SparkPipeline.ProgressListener listener = SparkPipeline.listenTo(lease);
      SparkTelemetry telemetry = SparkTelemetry.listenTo(lease, spec.source().topic(), observer);
      Dataset<Row> sinkRows =
          EditCountQuery.transform(
              read(lease.session(), spec),
              codecs,
              new EditCountQuery.Settings(
                  spec.windows(),
                  outputSchema,
                  spec.sink().topic(),
                  telemetry.counting(deadLetterSink(spec))));
      StreamingQuery query = write(sinkRows, spec).start();
      LOG.info(
          "Started Spark query '{}': {} -> {} (dead letters: {}), checkpoint {}",
          spec.applicationId(),
          spec.source().topic(),
          spec.sink().topic(),
          spec.sink().deadLetterTopic(),
          checkpointOf(spec));
      return SparkPipeline.running(lease, query, listener, telemetry);
    } catch (TimeoutException | RuntimeException e) {
      lease.close();
      throw new PipelineFailedException(
          "Cannot start Spark query '" + spec.applicationId() + "': " + e.getMessage(), e);
    }
  }

  private static Dataset<Row> read(SparkSession session, PipelineSpec spec) {
    DataStreamReader reader =
        session
            .readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", spec.source().bootstrapServers())
            .option("subscribe", spec.source().topic())
            .option("startingOffsets", spec.source().startingOffsets().name().toLowerCase())
            .option("includeHeaders", "true")
            .option(FETCH_MAX_WAIT, DEFAULT_FETCH_MAX_WAIT_MS);
    String maxOffsets = spec.engineProperties().get(MAX_OFFSETS_PER_TRIGGER);
    if (maxOffsets != null) {
      reader = reader.option(MAX_OFFSETS_PER_TRIGGER, maxOffsets);
    }
    return reader.options(kafkaOptions(spec)).load();
  }

  private static DataStreamWriter<Row> write(Dataset<Row> sinkRows, PipelineSpec spec) {
    return sinkRows
        .writeStream()
        .queryName(spec.applicationId())
        .format("kafka")
        .outputMode(OutputMode.Append())
        .option("kafka.bootstrap.servers", spec.sink().bootstrapServers())
        .option("checkpointLocation", checkpointOf(spec))
        .options(kafkaOptions(spec));
  }

  private static DeadLetterSink deadLetterSink(PipelineSpec spec) {
    Map<String, String> producerProperties = new HashMap<>();
    kafkaOptions(spec)
        .forEach((key, value) -> producerProperties.put(key.substring(KAFKA.length()), value));
    return new KafkaDeadLetterSink(
        spec.sink().bootstrapServers(), producerProperties, spec.sink().deadLetterTopic());
  }

  /**
   * The Kafka client settings for Spark's Kafka connectors, which take them prefixed with {@code
   * kafka.}: the spec's client settings, then the engine's {@code kafka.*} ones over them.
   */
  static Map<String, String> kafkaOptions(PipelineSpec spec) {
    Map<String, String> kafka = new HashMap<>();
    spec.kafkaClientProperties().forEach((key, value) -> kafka.put(KAFKA + key, value));
    spec.engineProperties()
        .forEach(
            (key, value) -> {
              if (key.startsWith(KAFKA)) {
                kafka.put(key, value);
              }
            });
    kafka.remove(KAFKA + "bootstrap.servers");
    return kafka;
  }

  static String checkpointOf(PipelineSpec spec) {
    return spec.stateDirectory().resolve(spec.applicationId()).toAbsolutePath().toString();
  }
}
