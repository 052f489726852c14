package org.wikipulse.adapter.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.PipelineMetrics;
import org.wikipulse.ports.PipelineObserver;

/**
 * What the driver can tell about its query, gathered in one place: the pipeline watermark and each
 * input partition's newest event time from the driver's merge ({@link BatchMerge}, as of the last
 * committed batch), each input partition's lag from the query's progress, each micro-batch's
 * duration for the observer, and dead letters by reason as each batch commits them (exact: the
 * driver writes them all, in the batch's transaction).
 *
 * <p>Not measured here: the close-to-output delay.
 */
final class SparkTelemetry extends StreamingQueryListener {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String inputTopic;
  private final PipelineObserver observer;
  private final Map<DeadLetterReason, LongAdder> deadLetters =
      new EnumMap<>(DeadLetterReason.class);
  private Map<Integer, Long> partitionLag = Map.of();
  private BatchMerge merge;
  private long lastBatchId = -1;

  private SparkTelemetry(String inputTopic, PipelineObserver observer) {
    this.inputTopic = inputTopic;
    this.observer = observer;
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLetters.put(reason, new LongAdder());
    }
  }

  /** Listens to the lease's session from before its query starts. */
  static SparkTelemetry listenTo(
      SparkSessionLease lease, String inputTopic, PipelineObserver observer) {
    SparkTelemetry telemetry = new SparkTelemetry(inputTopic, observer);
    lease.session().streams().addListener(telemetry);
    return telemetry;
  }

  /** Where the watermark and the partitions' event times come from. */
  synchronized void readEventTimeFrom(BatchMerge merge) {
    this.merge = merge;
  }

  /** Counts the dead letters of one reason that a batch committed. */
  void deadLettered(DeadLetterReason reason, long count) {
    deadLetters.get(reason).add(count);
  }

  synchronized PipelineMetrics metrics() {
    Map<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
    deadLetters.forEach((reason, count) -> byReason.put(reason, count.sum()));
    BatchMerge.EventTimes eventTimes =
        merge == null ? BatchMerge.EventTimes.NONE : merge.eventTimes();
    return new PipelineMetrics(
        eventTimes.watermark(), eventTimes.partitions(), partitionLag, byReason);
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public synchronized void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    for (SourceProgress source : progress.sources()) {
      Map<Integer, Long> lag = lagOf(source);
      if (!lag.isEmpty()) {
        partitionLag = lag;
      }
    }
    Long duration = progress.durationMs().get("triggerExecution");
    // An idle trigger reports progress too, without running a batch (and so without addBatch).
    if (duration != null
        && progress.durationMs().containsKey("addBatch")
        && progress.batchId() > lastBatchId) {
      lastBatchId = progress.batchId();
      observer.microBatchCompleted(Duration.ofMillis(duration));
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  /** The latest offsets the source saw minus those its batch read to, per input partition. */
  private Map<Integer, Long> lagOf(SourceProgress source) {
    JsonNode end = offsetsOfInput(source.endOffset());
    JsonNode latest = offsetsOfInput(source.latestOffset());
    if (end == null || latest == null) {
      return Map.of();
    }
    Map<Integer, Long> lag = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> partitions = latest.fields();
    while (partitions.hasNext()) {
      Map.Entry<String, JsonNode> partition = partitions.next();
      JsonNode read = end.get(partition.getKey());
      if (read != null && read.canConvertToLong()) {
        lag.put(
            Integer.parseInt(partition.getKey()),
            Math.max(0, partition.getValue().asLong() - read.asLong()));
      }
    }
    return lag;
  }

  /** {@code {"topic":{"0":12,"1":34}}} to the input topic's object, or null. */
  private JsonNode offsetsOfInput(String offsets) {
    if (offsets == null) {
      return null;
    }
    try {
      JsonNode topic = JSON.readTree(offsets).get(inputTopic);
      return topic != null && topic.isObject() ? topic : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
