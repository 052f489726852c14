package org.wikipulse.adapter.kstreams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.adapter.kstreams.MergerMessage.LateCandidate;
import org.wikipulse.adapter.kstreams.MergerMessage.PartialCount;
import org.wikipulse.adapter.kstreams.MergerMessage.SourceIdle;
import org.wikipulse.adapter.kstreams.MergerMessage.SourceWatermark;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.PipelineWatermark;
import org.wikipulse.domain.Watermarks;
import org.wikipulse.domain.Window;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.topics.DeadLetterLimit;

/**
 * Stage two, a single task: keeps every source's watermark and idleness in the domain's {@link
 * PipelineWatermark} (the minimum over sources that are not idle, or the maximum over all when
 * every source is idle; never moving back), sums the partial counts of the windows still open in
 * the pipeline, and writes each (window, actor) row once, when the pipeline watermark reaches the
 * window's end.
 */
final class WindowMerger implements Processor<byte[], MergerMessage, byte[], byte[]> {
  static final String SOURCES_STORE = "merger-sources";
  static final String WINDOWS_STORE = "merger-windows";

  /** The sources store key under which the pipeline watermark is kept. */
  private static final int PIPELINE_KEY = -1;

  private static final Actor[] ACTORS = Actor.values();
  private static final Logger LOG = LoggerFactory.getLogger(WindowMerger.class);

  private final TopologyConfig config;
  private final WindowSpec windows;
  private final long sizeMs;
  private final StreamsTelemetry counters;
  private final int sourceCount;
  private final TreeMap<Long, long[]> openWindows = new TreeMap<>();
  private PipelineWatermark pipelineWatermark;

  /** The Kafka timestamp of the input record behind the message being processed. */
  private long inputTimestampMs;

  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<Integer, byte[]> sourcesStore;
  private KeyValueStore<Long, byte[]> windowsStore;
  private EditCountEncoder encoder;
  private TaskMetrics metrics;
  private TaskMetrics.Counter counted;
  private TaskMetrics.Counter droppedLate;
  private TaskMetrics.Counter windowsOut;
  private TaskMetrics.Counter deadLettered;
  private TaskMetrics.Counter lateDeadLettered;

  WindowMerger(TopologyConfig config, SourceLayout layout) {
    this.config = config;
    this.windows = config.windows();
    this.sizeMs = windows.size().toMillis();
    this.counters = config.counters();
    this.sourceCount = layout.sourceCount();
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.sourcesStore = context.getStateStore(SOURCES_STORE);
    this.windowsStore = context.getStateStore(WINDOWS_STORE);
    this.encoder = config.codecs().newEncoder();
    this.metrics = new TaskMetrics(context, counters.uncommitted());
    this.counted =
        metrics.counter("counted", "Events added to at least one window", counters.counted);
    this.droppedLate =
        metrics.counter(
            "dropped-late",
            "Events dropped because all their windows had closed",
            counters.droppedLate);
    this.windowsOut = metrics.counter("windows-out", "Output rows written", counters.windowsOut);
    this.deadLettered =
        metrics.counter(
            "dead-lettered", "Records written to the dead-letter topic", counters.deadLettered);
    this.lateDeadLettered = metrics.counter(counters.deadLettersOf(DeadLetterReason.LATE));
    context.schedule(
        Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> metrics.flush());
    openWindows.clear();
    pipelineWatermark = new PipelineWatermark(sourceCount);
    try (KeyValueIterator<Integer, byte[]> all = sourcesStore.all()) {
      while (all.hasNext()) {
        KeyValue<Integer, byte[]> entry = all.next();
        long[] fields = StateCodec.longsOf(entry.value);
        if (entry.key == PIPELINE_KEY) {
          pipelineWatermark.restoreCurrent(fields[0]);
          counters.pipelineWatermark(pipelineWatermark.current());
        } else if (entry.key < sourceCount) {
          pipelineWatermark.restore(entry.key, fields[0], fields[1] != 0);
        }
      }
    }
    try (KeyValueIterator<Long, byte[]> all = windowsStore.all()) {
      while (all.hasNext()) {
        KeyValue<Long, byte[]> entry = all.next();
        openWindows.put(entry.key, StateCodec.longsOf(entry.value));
      }
    }
  }

  @Override
  public void process(Record<byte[], MergerMessage> record) {
    MergerMessage message = record.value();
    checkSource(message.source());
    inputTimestampMs = record.timestamp();
    if (message instanceof PartialCount partial) {
      mergePartial(partial);
    } else if (message instanceof LateCandidate candidate) {
      mergeLateCandidate(candidate, record);
    } else if (message instanceof SourceWatermark watermark) {
      pipelineWatermark.observe(watermark.source(), watermark.watermarkMs());
      saveSource(watermark.source());
      advance();
    } else if (message instanceof SourceIdle sourceIdle) {
      pipelineWatermark.markIdle(sourceIdle.source());
      saveSource(sourceIdle.source());
      advance();
    }
  }

  private void mergePartial(PartialCount partial) {
    if (!Watermarks.isClosed(partial.windowStartMs() + sizeMs, pipelineWatermark.current())) {
      long[] counts = open(partial.windowStartMs());
      for (int actor = 0; actor < ACTORS.length; actor++) {
        counts[actor] += partial.countsByActor()[actor];
      }
      saveWindow(partial.windowStartMs(), counts);
      counted.add(partial.newestWindowEvents());
    } else {
      // The source was idle while the pipeline closed this window; events whose newest window it
      // is have no open window left (their older windows closed first).
      droppedLate.add(partial.newestWindowEvents());
      if (config.lateEvents() == LateEvents.DEAD_LETTER && partial.newestWindowEvents() > 0) {
        LOG.warn(
            "{} late events of input source {} dropped, counted but not dead-lettered: the source"
                + " was idle while the pipeline closed window {}, and its partition task had"
                + " already summed them",
            partial.newestWindowEvents(),
            partial.source(),
            windows.windowStartingAt(Instant.ofEpochMilli(partial.windowStartMs())));
      }
    }
  }

  private void mergeLateCandidate(LateCandidate candidate, Record<byte[], MergerMessage> record) {
    boolean countedInSource = false;
    boolean countedHere = false;
    for (Window window : windows.windowsFor(Instant.ofEpochMilli(candidate.eventTimeMs()))) {
      long end = window.end().toEpochMilli();
      if (!Watermarks.isClosed(end, candidate.sourceWatermarkMs())) {
        countedInSource = true;
      } else if (!Watermarks.isClosed(end, pipelineWatermark.current())) {
        long start = window.start().toEpochMilli();
        long[] counts = open(start);
        counts[candidate.actorOrdinal()]++;
        saveWindow(start, counts);
        countedHere = true;
      }
    }
    if (!countedInSource) {
      // Otherwise the source's partial count of the event's newest window accounts for it.
      (countedHere ? counted : droppedLate).increment();
      if (!countedHere && candidate.original() != null) {
        deadLetterLate(candidate, record);
      }
    }
  }

  /**
   * Writes a dropped event to the dead-letter topic as it was read. Its headers came through the
   * repartition topic from the partition task: the original ones, its source offset and its event
   * time; the reason and the watermark it missed are added here.
   */
  private void deadLetterLate(LateCandidate candidate, Record<byte[], MergerMessage> record) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    Instant eventTime = Instant.ofEpochMilli(candidate.eventTimeMs());
    Instant watermark = Instant.ofEpochMilli(pipelineWatermark.current());
    header(headers, DeadLetterHeaders.ERROR_CLASS, DeadLetterReason.LATE.name());
    header(
        headers,
        DeadLetterHeaders.ERROR_MESSAGE,
        "Event time "
            + eventTime
            + " is late: all its windows had closed at watermark "
            + watermark
            + " (allowed lateness "
            + windows.allowedLateness()
            + ")");
    header(headers, DeadLetterHeaders.WATERMARK, watermark.toString());
    DeadLetterLimit.Fitted fitted =
        config
            .deadLetterLimit()
            .fitted(
                candidate.original().key(),
                candidate.original().value(),
                headers,
                DeadLetterHeaders.PREFIX,
                DeadLetterHeaders.OMITTED);
    context.forward(
        new Record<>(
            fitted.key(), fitted.value(), Math.max(0, record.timestamp()), fitted.headers()),
        AnalysisTopology.LATE_DEAD_LETTER_SINK);
    deadLettered.increment();
    lateDeadLettered.increment();
  }

  private static void header(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private long[] open(long windowStartMs) {
    return openWindows.computeIfAbsent(windowStartMs, start -> new long[ACTORS.length]);
  }

  private void advance() {
    if (!pipelineWatermark.advance()) {
      return;
    }
    long watermark = pipelineWatermark.current();
    counters.pipelineWatermark(watermark);
    sourcesStore.put(PIPELINE_KEY, StateCodec.longs(watermark));
    while (!openWindows.isEmpty()
        && Watermarks.isClosed(openWindows.firstKey() + sizeMs, watermark)) {
      Map.Entry<Long, long[]> window = openWindows.pollFirstEntry();
      emit(window.getKey(), window.getValue());
      windowsStore.delete(window.getKey());
    }
  }

  private void emit(long windowStartMs, long[] counts) {
    Window window = windows.windowStartingAt(Instant.ofEpochMilli(windowStartMs));
    // Wall-clock time, as Spark's sink writes: an event-time timestamp from a replayed backlog
    // would let a topic's time retention delete the row as soon as it is written.
    long timestamp = Math.max(0, context.currentSystemTimeMs());
    // The input record that moved the watermark past the window's end made it closable.
    Duration closeToOutput = Duration.ofMillis(Math.max(0, timestamp - inputTimestampMs));
    for (Actor actor : ACTORS) {
      long count = counts[actor.ordinal()];
      if (count > 0) {
        WindowCount row = new WindowCount(window, actor, count);
        context.forward(
            new Record<>(
                EditCountEncoder.keyOf(row).getBytes(StandardCharsets.UTF_8),
                encoder.encode(row),
                timestamp),
            AnalysisTopology.OUTPUT_SINK);
        windowsOut.increment();
        counters.observer().rowWritten(closeToOutput);
      }
    }
  }

  @Override
  public void close() {
    metrics.close();
  }

  private void saveSource(int source) {
    sourcesStore.put(
        source,
        StateCodec.longs(
            pipelineWatermark.partitionWatermark(source),
            pipelineWatermark.isIdle(source) ? 1 : 0));
  }

  private void saveWindow(long windowStartMs, long[] counts) {
    windowsStore.put(windowStartMs, StateCodec.longs(counts));
  }

  private void checkSource(int source) {
    if (source < 0 || source >= sourceCount) {
      throw new IllegalStateException(
          "Merger message from source "
              + source
              + ", but the input has "
              + sourceCount
              + " partitions: was the input topic repartitioned under a running application?");
    }
  }
}
