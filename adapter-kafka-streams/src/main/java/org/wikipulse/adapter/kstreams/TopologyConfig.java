package org.wikipulse.adapter.kstreams;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.topics.DeadLetterLimit;

/**
 * Everything the topology is built from.
 *
 * @param inputs the input topics with their partition counts; each partition is a source whose
 *     watermark holds the pipeline's back
 * @param startingOffsets where the input is read from when the application has no committed offsets
 * @param outputTopic where the final (window, actor) rows go
 * @param deadLetterTopic where records that cannot be processed go
 * @param windows window size, slide and allowed lateness
 * @param idleTimeout wall-clock silence after which a source no longer holds event time back
 * @param codecs makes the per-task decoders and encoders
 * @param counters the progress counters the processors update
 * @param lateEvents whether events dropped as late are only counted or also dead-lettered
 * @param deadLetterLimit the largest dead letter the dead-letter topic takes
 */
public record TopologyConfig(
    List<InputTopic> inputs,
    KafkaSource.StartingOffsets startingOffsets,
    String outputTopic,
    String deadLetterTopic,
    WindowSpec windows,
    Duration idleTimeout,
    WireCodecs codecs,
    StreamsTelemetry counters,
    LateEvents lateEvents,
    DeadLetterLimit deadLetterLimit) {

  public TopologyConfig {
    Objects.requireNonNull(deadLetterLimit, "deadLetterLimit");
    Objects.requireNonNull(lateEvents, "lateEvents");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(startingOffsets, "startingOffsets");
    Objects.requireNonNull(outputTopic, "outputTopic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(codecs, "codecs");
    Objects.requireNonNull(counters, "counters");
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
    }
  }
}
