package org.wikipulse.ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.wikipulse.domain.WindowSpec;

/**
 * Everything a runtime needs to run the analysis, validated on construction.
 *
 * @param applicationId names the pipeline's durable state: consumer group, state, checkpoints
 * @param source the input
 * @param sink the output and dead letters
 * @param windows window size, slide and allowed lateness
 * @param idleTimeout after this much wall-clock silence a partition no longer holds event time back
 * @param stateDirectory where the runtime keeps local state and checkpoints
 * @param engineProperties runtime-specific settings passed through as they are (such as {@code
 *     spark.master} or {@code processing.guarantee})
 * @param kafkaClientProperties settings for every Kafka client the runtime creates, consumers,
 *     producers and admin clients alike, in Kafka's own keys (such as {@code security.protocol},
 *     {@code sasl.jaas.config}, {@code ssl.truststore.location}); engine properties win over them
 * @param lateEvents whether events the watermark drops are only counted or also dead-lettered
 */
public record PipelineSpec(
    String applicationId,
    KafkaSource source,
    KafkaSink sink,
    WindowSpec windows,
    Duration idleTimeout,
    Path stateDirectory,
    Map<String, String> engineProperties,
    Map<String, String> kafkaClientProperties,
    LateEvents lateEvents) {

  public PipelineSpec {
    Objects.requireNonNull(lateEvents, "lateEvents");
    KafkaSource.requireText("applicationId", applicationId);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
    }
    engineProperties = Map.copyOf(engineProperties);
    kafkaClientProperties = Map.copyOf(kafkaClientProperties);
    if (source.topic().equals(sink.topic()) || source.topic().equals(sink.deadLetterTopic())) {
      throw new IllegalArgumentException(
          "The input topic '" + source.topic() + "' must differ from the output topics");
    }
  }

  /** This spec with late events treated as given. */
  public PipelineSpec withLateEvents(LateEvents treatment) {
    return new PipelineSpec(
        applicationId,
        source,
        sink,
        windows,
        idleTimeout,
        stateDirectory,
        engineProperties,
        kafkaClientProperties,
        treatment);
  }

  /** A spec whose late events are only counted. */
  public PipelineSpec(
      String applicationId,
      KafkaSource source,
      KafkaSink sink,
      WindowSpec windows,
      Duration idleTimeout,
      Path stateDirectory,
      Map<String, String> engineProperties,
      Map<String, String> kafkaClientProperties) {
    this(
        applicationId,
        source,
        sink,
        windows,
        idleTimeout,
        stateDirectory,
        engineProperties,
        kafkaClientProperties,
        LateEvents.COUNT);
  }
}
