package org.wikipulse.adapter.spark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.PipelineFailedException;
import org.wikipulse.ports.PipelineObserver;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.topics.DeadLetterLimit;
import org.wikipulse.topics.TopicPlan;
import org.wikipulse.topics.TopicSetup;
import org.wikipulse.topics.TopicSetupException;

/**
 * The analysis on Spark Structured Streaming: Kafka in, {@link BatchMerge} per micro-batch, Kafka
 * out in one transaction per batch.
 *
 * <p>Engine properties: any {@code spark.*} configuration (such as {@code spark.master}, default
 * {@code local[*]}; {@code spark.driver.host} and {@code spark.driver.bindAddress} default to
 * 127.0.0.1 and {@code spark.ui.enabled} to false; context settings apply only when this runtime
 * starts the context), {@code maxOffsetsPerTrigger} to bound each micro-batch (default {@value
 * #DEFAULT_MAX_OFFSETS_PER_TRIGGER}), and {@code kafka.*} consumer and producer settings passed to
 * both Kafka connectors and to the driver's transactional producer and input reader ({@code
 * kafka.fetch.max.wait.ms} defaults to 10 here: see {@link #FETCH_MAX_WAIT}). The checkpoint is
 * {@code <stateDirectory>/<applicationId>}; the pipeline state is committed with each batch to the
 * topic {@code <applicationId>-spark-state}.
 */
public final class SparkRuntime implements AnalysisRuntime {
  public static final String NAME = "spark";
  static final String MAX_OFFSETS_PER_TRIGGER = "maxOffsetsPerTrigger";

  /**
   * Without a bound Spark reads all that is available into one micro-batch. Each undecodable record
   * of a batch reaches the driver as a {@link RejectedRecord} (its place and reason, under 1 KB
   * with its message cut to {@value RejectedRecord#MAX_MESSAGE} characters, never its bytes), so
   * this bounds what a batch of garbage costs the driver to some 120 MB at worst, and keeps a
   * backlog's batches a few seconds long.
   */
  static final String DEFAULT_MAX_OFFSETS_PER_TRIGGER = "200000";

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

  /** Starts the Spark context ahead: it takes seconds, and needs neither Kafka nor the registry. */
  @Override
  public Preparation prepare(PipelineSpec spec) {
    return SparkSessionLease.prepare(spec.applicationId(), spec.engineProperties());
  }

  @Override
  public RunningPipeline start(PipelineSpec spec, WireCodecs codecs, PipelineObserver observer) {
    Map<String, String> sinkProperties = clientProperties(spec, spec.sink().bootstrapServers());
    PreparedTopics topics = prepareTopics(spec, sinkProperties);
    int partitions = topics.inputPartitions();
    TransactionalKafkaOutput output =
        new TransactionalKafkaOutput(
            sinkProperties,
            clientProperties(spec, spec.source().bootstrapServers()),
            transactionalIdOf(spec),
            spec.sink().topic(),
            spec.sink().deadLetterTopic(),
            topics.deadLetterLimit(),
            stateTopicOf(spec));
    // Fencing and the state read overlap the context's and the query's start.
    output.beginResume();
    SparkSessionLease lease;
    try {
      lease = SparkSessionLease.acquire(spec.applicationId(), spec.engineProperties());
    } catch (RuntimeException e) {
      output.close();
      throw e;
    }
    try {
      ProgressCounters counters = new ProgressCounters();
      SparkTelemetry telemetry = SparkTelemetry.listenTo(lease, spec.source().topic(), observer);
      BatchMerge merge =
          new BatchMerge(
              new BatchMerge.Settings(
                  spec.windows(), partitions, spec.idleTimeout(), spec.lateEvents()),
              codecs,
              output,
              System::currentTimeMillis,
              counters,
              telemetry::deadLettered);
      telemetry.readEventTimeFrom(merge);
      StreamingQuery query =
          read(lease.session(), spec)
              .writeStream()
              .queryName(spec.applicationId())
              .option("checkpointLocation", checkpointOf(spec))
              .foreachBatch(merge)
              .start();
      LOG.info(
          "Started Spark query '{}': {} ({} partitions) -> {} (dead letters: {}), checkpoint {},"
              + " state topic {}",
          spec.applicationId(),
          spec.source().topic(),
          partitions,
          spec.sink().topic(),
          spec.sink().deadLetterTopic(),
          checkpointOf(spec),
          stateTopicOf(spec));
      return SparkPipeline.running(
          lease, query, counters, output, new IdlenessTimer(merge, spec.idleTimeout()), telemetry);
    } catch (TimeoutException | RuntimeException e) {
      output.close();
      lease.close();
      throw new PipelineFailedException(
          "Cannot start Spark query '" + spec.applicationId() + "': " + e.getMessage(), e);
    }
  }

  /** How many partitions the input topic has, and the largest dead letter that can be written. */
  private record PreparedTopics(int inputPartitions, DeadLetterLimit deadLetterLimit) {}

  /**
   * Fails if the input topic does not exist; creates the output, dead-letter and state topics with
   * their settings when they do not: Spark's Kafka sink does not create topics, and a broker
   * without auto-creation would leave its writes waiting. Reads the dead-letter topic's size limit
   * for a producer with {@code sinkProperties}.
   */
  private static PreparedTopics prepareTopics(
      PipelineSpec spec, Map<String, String> sinkProperties) {
    try (TopicSetup input =
            TopicSetup.connect(spec.source().bootstrapServers(), spec.kafkaClientProperties());
        TopicSetup sink =
            TopicSetup.connect(spec.sink().bootstrapServers(), spec.kafkaClientProperties())) {
      int partitions = input.inputPartitions(spec.source().topic());
      sink.ensure(
              List.of(
                  TopicPlan.output(spec.sink().topic(), Optional.empty()),
                  TopicPlan.deadLetters(
                      spec.sink().deadLetterTopic(),
                      Optional.empty(),
                      input.maxMessageBytes(spec.source().topic())),
                  TopicPlan.runtimeState(stateTopicOf(spec))))
          .created()
          .forEach(topic -> LOG.info("Created topic '{}'", topic));
      return new PreparedTopics(
          partitions, DeadLetterLimit.of(sink, spec.sink().deadLetterTopic(), sinkProperties));
    } catch (TopicSetupException e) {
      throw new PipelineFailedException(e.getMessage(), e);
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
    reader =
        reader.option(
            MAX_OFFSETS_PER_TRIGGER,
            spec.engineProperties()
                .getOrDefault(MAX_OFFSETS_PER_TRIGGER, DEFAULT_MAX_OFFSETS_PER_TRIGGER));
    return reader.options(kafkaOptions(spec)).load();
  }

  /** The Kafka client settings without Spark's {@code kafka.} prefix, with the given brokers. */
  private static Map<String, String> clientProperties(PipelineSpec spec, String bootstrapServers) {
    Map<String, String> properties = new HashMap<>();
    kafkaOptions(spec)
        .forEach((key, value) -> properties.put(key.substring(KAFKA.length()), value));
    properties.put("bootstrap.servers", bootstrapServers);
    return properties;
  }

  /**
   * The transactional id of the query's output: the same for every run on one checkpoint, so that a
   * restarted driver fences the one before it, and different for another checkpoint.
   */
  static String transactionalIdOf(PipelineSpec spec) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(checkpointOf(spec).getBytes(StandardCharsets.UTF_8));
      return "wikipulse-spark-"
          + spec.applicationId()
          + "-"
          + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The compacted topic each batch's pipeline state is committed to, with its output. */
  static String stateTopicOf(PipelineSpec spec) {
    return spec.applicationId() + "-spark-state";
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
