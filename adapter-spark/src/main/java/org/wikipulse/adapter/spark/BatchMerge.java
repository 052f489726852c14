package org.wikipulse.adapter.spark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.domain.MergeStage;
import org.wikipulse.domain.PartitionStage;
import org.wikipulse.domain.StageMessage;
import org.wikipulse.domain.Watermarks;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.WireCodecs;

/**
 * The query's {@code foreachBatch}, on the driver: runs stage one in the tasks that read the batch
 * ({@link SourceTask}), then the merge over their results, in order per input partition ({@link
 * MergeStage}: pipeline watermark, lateness, closing windows, counters), and commits the rows, the
 * dead letters (the tasks' undecodable records and the merge's late events) and the new state
 * together through the {@link BatchOutput}. A batch whose id is not after the last committed one
 * was written before a restart and is skipped, tasks and all.
 *
 * <p>Idleness is judged by the processing-time clock at the start of each batch, and between
 * batches by {@link #checkIdleness()}: an input partition that has had no record for the idle
 * timeout hands its open counts to the merge and stops holding the watermark back (its silence is
 * measured from the first batch after a start).
 */
final class BatchMerge implements VoidFunction2<Dataset<org.apache.spark.sql.Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BatchMerge.class);
  private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  /**
   * @param windows window size, slide and lateness
   * @param partitions how many partitions the input topic has
   * @param idleTimeout silence after which a partition no longer holds the watermark back
   * @param lateEvents whether late events are also dead-lettered
   */
  record Settings(
      WindowSpec windows, int partitions, Duration idleTimeout, LateEvents lateEvents) {}

  /**
   * The pipeline watermark and each input partition's newest event time, as of the last batch.
   *
   * @param watermark empty before there is one
   * @param partitions only the partitions that have had data
   */
  record EventTimes(Optional<Instant> watermark, Map<Integer, Instant> partitions) {
    static final EventTimes NONE = new EventTimes(Optional.empty(), Map.of());
  }

  private final Settings settings;
  private final WireCodecs codecs;
  private final BatchOutput output;
  private final LongSupplier clockMs;
  private final ProgressCounters counters;
  private final ObjLongConsumer<DeadLetterReason> deadLettered;
  private final Map<Integer, Long> lastRecordMs = new HashMap<>();
  private transient EditCountEncoder encoder;
  private PipelineState state;
  private volatile EventTimes eventTimes = EventTimes.NONE;

  BatchMerge(
      Settings settings,
      WireCodecs codecs,
      BatchOutput output,
      LongSupplier clockMs,
      ProgressCounters counters) {
    this(settings, codecs, output, clockMs, counters, (reason, count) -> {});
  }

  /**
   * @param deadLettered told, after each committed batch, how many dead letters of each reason it
   *     wrote
   */
  BatchMerge(
      Settings settings,
      WireCodecs codecs,
      BatchOutput output,
      LongSupplier clockMs,
      ProgressCounters counters,
      ObjLongConsumer<DeadLetterReason> deadLettered) {
    this.deadLettered = deadLettered;
    this.settings = settings;
    this.codecs = codecs;
    this.output = output;
    this.clockMs = clockMs;
    this.counters = counters;
  }

  @Override
  public synchronized void call(Dataset<org.apache.spark.sql.Row> batch, Long batchId)
      throws InterruptedException {
    String queryId = batch.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
    PipelineState current = resume(queryId);
    if (batchId <= current.lastBatchId) {
      LOG.info(
          "Batch {} was committed before the restart (last committed {}): skipped",
          batchId,
          current.lastBatchId);
      return;
    }
    try {
      runBatch(current, batch, batchId);
    } catch (RuntimeException | InterruptedException | Error e) {
      // The state in memory may be ahead of the committed one: start again from the committed.
      state = null;
      throw e;
    }
  }

  /**
   * Marks silent partitions idle between micro-batches and commits what that closes. Spark runs no
   * batch while the input is quiet, so a timer ({@link IdlenessTimer}) calls this: a wholly quiet
   * input still closes its windows once its partitions have been silent for the idle timeout, as
   * the rule says. Does nothing before the first batch after a start.
   */
  synchronized void checkIdleness() throws InterruptedException {
    PipelineState current = state;
    if (current == null) {
      return;
    }
    MergeStage merge = current.merge;
    long countedBefore = merge.counted();
    long droppedBefore = merge.droppedLate();
    List<WindowCount> rows = new ArrayList<>();
    try {
      if (!markSilentPartitionsIdle(current, clockMs.getAsLong(), rows)) {
        return;
      }
      output.commit(encode(rows), List.of(), List.of(), current);
    } catch (RuntimeException | InterruptedException | Error e) {
      state = null;
      throw e;
    }
    publishEventTimes(current);
    counters.add(
        0, merge.counted() - countedBefore, merge.droppedLate() - droppedBefore, 0, rows.size());
  }

  private void runBatch(
      PipelineState current, Dataset<org.apache.spark.sql.Row> batch, long batchId)
      throws InterruptedException {
    long nowMs = clockMs.getAsLong();
    MergeStage merge = current.merge;
    long countedBefore = merge.counted();
    long droppedBefore = merge.droppedLate();
    List<WindowCount> rows = new ArrayList<>();
    List<DeadLetter> lateDeadLetters = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    markSilentPartitionsIdle(current, nowMs, rows);

    SourceTask task =
        new SourceTask(
            current.stages,
            settings.windows(),
            codecs,
            settings.lateEvents() == LateEvents.DEAD_LETTER);
    List<SourceBatch> results = new ArrayList<>(stageOne(batch, task).collect());
    results.sort(Comparator.comparingInt(SourceBatch::source));
    long records = 0;
    for (int i = 0; i < results.size(); i++) {
      SourceBatch result = results.get(i);
      if (i > 0 && results.get(i - 1).source() == result.source()) {
        throw new IllegalStateException(
            "Input partition "
                + result.source()
                + " was read by two tasks of batch "
                + batchId
                + ": its records must be read in order by one (was minPartitions set?)");
      }
      current.stages.put(result.source(), result.stage());
      lastRecordMs.put(result.source(), nowMs);
      records += result.records();
      rejected.addAll(result.rejected());
      mergeInOrder(merge, result, rows, lateDeadLetters);
    }
    current.lastBatchId = batchId;
    output.commit(encode(rows), rejected, lateDeadLetters, current);
    publishEventTimes(current);
    Map<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
    rejected.forEach(record -> byReason.merge(record.reason(), 1L, Long::sum));
    if (!lateDeadLetters.isEmpty()) {
      byReason.put(DeadLetterReason.LATE, (long) lateDeadLetters.size());
    }
    byReason.forEach(deadLettered::accept);
    counters.add(
        records,
        merge.counted() - countedBefore,
        merge.droppedLate() - droppedBefore,
        rejected.size() + lateDeadLetters.size(),
        rows.size());
  }

  /**
   * Stage one over a batch of Kafka source rows, as Spark's internal rows of {@link
   * SourceRecord#COLUMNS}: the tasks' results, one per input partition they read.
   */
  static JavaRDD<SourceBatch> stageOne(Dataset<org.apache.spark.sql.Row> batch, SourceTask task) {
    return batch
        .select(
            SourceRecord.COLUMNS[0],
            java.util.Arrays.copyOfRange(SourceRecord.COLUMNS, 1, SourceRecord.COLUMNS.length))
        .queryExecution()
        .toRdd()
        .toJavaRDD()
        .mapPartitions(task);
  }

  /** The watermark and partitions' event times as of the last committed batch. */
  EventTimes eventTimes() {
    return eventTimes;
  }

  private void publishEventTimes(PipelineState current) {
    long watermark = current.merge.watermark();
    Map<Integer, Instant> partitions = new HashMap<>();
    current.stages.forEach(
        (source, stage) -> {
          if (stage.maxEventMs() != Watermarks.NONE) {
            partitions.put(source, Instant.ofEpochMilli(stage.maxEventMs()));
          }
        });
    eventTimes =
        new EventTimes(
            watermark == Watermarks.NONE
                ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(watermark)),
            Map.copyOf(partitions));
  }

  private PipelineState resume(String queryId) throws InterruptedException {
    if (state == null) {
      PipelineState committed = output.resume().orElse(null);
      if (committed != null
          && queryId != null
          && committed.queryId != null
          && !committed.queryId.equals(queryId)) {
        LOG.warn(
            "The committed state belongs to query {}, not {} (was the checkpoint deleted?):"
                + " starting from an empty state",
            committed.queryId,
            queryId);
        committed = null;
      }
      if (committed != null) {
        LOG.info("Resumed the pipeline state after batch {}", committed.lastBatchId);
      }
      state =
          committed != null
              ? committed
              : new PipelineState(queryId, settings.windows(), settings.partitions());
    }
    return state;
  }

  /** Returns whether any partition went idle. */
  private boolean markSilentPartitionsIdle(
      PipelineState current, long nowMs, List<WindowCount> rows) {
    long idleMs = settings.idleTimeout().toMillis();
    boolean any = false;
    for (int source = 0; source < settings.partitions(); source++) {
      long last = lastRecordMs.computeIfAbsent(source, s -> nowMs);
      PartitionStage stage = current.stage(source);
      if (!stage.isIdle() && nowMs - last >= idleMs) {
        List<StageMessage> messages = new ArrayList<>();
        stage.goIdle(messages);
        for (StageMessage message : messages) {
          rows.addAll(current.merge.accept(message));
        }
        LOG.info(
            "Input partition {} had no data for {}: it no longer holds event time back",
            source,
            settings.idleTimeout());
        any = true;
      }
    }
    return any;
  }

  private void mergeInOrder(
      MergeStage merge,
      SourceBatch result,
      List<WindowCount> rows,
      List<DeadLetter> lateDeadLetters) {
    List<StageMessage> messages = result.messages();
    for (int i = 0; i < messages.size(); i++) {
      StageMessage message = messages.get(i);
      long droppedBefore = merge.droppedLate();
      rows.addAll(merge.accept(message));
      SourceRecord late = result.lateRecords().get(i);
      if (late != null && merge.droppedLate() > droppedBefore) {
        StageMessage.LateCandidate candidate = (StageMessage.LateCandidate) message;
        Instant eventTime = Instant.ofEpochMilli(candidate.eventTimeMs());
        Instant watermark = Instant.ofEpochMilli(merge.watermark());
        lateDeadLetters.add(
            DeadLetter.late(
                late,
                eventTime,
                watermark,
                "Event time "
                    + eventTime
                    + " is late: all its windows had closed at watermark "
                    + watermark
                    + " (allowed lateness "
                    + settings.windows().allowedLateness()
                    + ")"));
      }
    }
  }

  private List<BatchOutput.Row> encode(List<WindowCount> rows) {
    if (encoder == null) {
      encoder = codecs.newEncoder();
    }
    List<BatchOutput.Row> records = new ArrayList<>(rows.size());
    for (WindowCount row : rows) {
      records.add(
          new BatchOutput.Row(
              EditCountEncoder.keyOf(row).getBytes(java.nio.charset.StandardCharsets.UTF_8),
              encoder.encode(row)));
    }
    return records;
  }
}
