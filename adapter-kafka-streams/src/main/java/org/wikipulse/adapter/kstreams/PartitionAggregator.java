package org.wikipulse.adapter.kstreams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.adapter.kstreams.MergerMessage.LateCandidate;
import org.wikipulse.adapter.kstreams.MergerMessage.OriginalRecord;
import org.wikipulse.adapter.kstreams.MergerMessage.PartialCount;
import org.wikipulse.adapter.kstreams.MergerMessage.SourceIdle;
import org.wikipulse.adapter.kstreams.MergerMessage.SourceWatermark;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.EditRules;
import org.wikipulse.domain.Watermarks;
import org.wikipulse.domain.Window;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.topics.DeadLetterLimit;

/**
 * Stage one, one task per input partition: decodes, dead-letters what cannot be decoded, keeps each
 * source's own watermark, counts events into the windows still open in their own source, and tells
 * the merger about closed windows, late candidates, watermarks and idleness. See the package
 * documentation for why lateness is decided here.
 */
final class PartitionAggregator implements Processor<byte[], byte[], byte[], StageOneOutput> {
  static final String SOURCES_STORE = "partition-sources";
  static final String WINDOWS_STORE = "partition-windows";

  private static final Logger LOG = LoggerFactory.getLogger(PartitionAggregator.class);
  private static final int ACTORS = Actor.values().length;

  /** Slot of a window's counts array that holds how many events have it as their newest window. */
  private static final int NEWEST = ACTORS;

  private final TopologyConfig config;
  private final SourceLayout layout;
  private final WindowSpec windows;
  private final long sizeMs;
  private final long slideMs;
  private final long latenessMs;
  private final long idleTimeoutMs;
  private final StreamsTelemetry counters;
  private TaskMetrics metrics;
  private TaskMetrics.Counter recordsIn;
  private TaskMetrics.Counter deadLettered;
  private final Map<DeadLetterReason, TaskMetrics.Counter> deadLettersByReason =
      new EnumMap<>(DeadLetterReason.class);

  private ProcessorContext<byte[], StageOneOutput> context;
  private KeyValueStore<Integer, byte[]> sourcesStore;
  private KeyValueStore<Bytes, byte[]> windowsStore;
  private EditEventDecoder decoder;
  private final Map<Integer, SourceState> sources = new HashMap<>();

  PartitionAggregator(TopologyConfig config, SourceLayout layout) {
    this.config = config;
    this.layout = layout;
    this.windows = config.windows();
    this.sizeMs = windows.size().toMillis();
    this.slideMs = windows.slide().toMillis();
    this.latenessMs = windows.allowedLateness().toMillis();
    this.idleTimeoutMs = config.idleTimeout().toMillis();
    this.counters = config.counters();
  }

  /** One source's state; mirrored in the stores, which survive restarts through changelogs. */
  private static final class SourceState {
    final int source;
    final byte[] messageKey;
    long maxEventMs = Watermarks.NONE;
    long reportedSlide = Watermarks.NONE;
    boolean idle;

    /** Where this source's newest event time is published for the metrics. */
    AtomicLong newestEventTime;

    /** Unknown until the first record or idle check: the context's clock is not set in init. */
    long lastRecordWallMs = Long.MIN_VALUE;

    final TreeMap<Long, long[]> openWindows = new TreeMap<>();

    SourceState(int source) {
      this.source = source;
      this.messageKey = StateCodec.sourceKey(source);
    }
  }

  @Override
  public void init(ProcessorContext<byte[], StageOneOutput> context) {
    this.context = context;
    this.sourcesStore = context.getStateStore(SOURCES_STORE);
    this.windowsStore = context.getStateStore(WINDOWS_STORE);
    this.decoder = config.codecs().newDecoder();
    this.metrics = new TaskMetrics(context, counters.uncommitted());
    this.recordsIn =
        metrics.counter("records-in", "Records read from the input", counters.recordsIn);
    this.deadLettered =
        metrics.counter(
            "dead-lettered", "Records written to the dead-letter topic", counters.deadLettered);
    deadLettersByReason.clear();
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLettersByReason.put(reason, metrics.counter(counters.deadLettersOf(reason)));
    }
    sources.clear();
    List<Integer> owned = layout.sourcesOfTask(context.taskId().partition());
    for (int source : owned) {
      SourceState state = new SourceState(source);
      byte[] saved = sourcesStore.get(source);
      if (saved != null) {
        long[] fields = StateCodec.longsOf(saved);
        state.maxEventMs = fields[0];
        state.reportedSlide = fields[1];
        state.idle = fields[2] != 0;
      }
      state.newestEventTime = counters.newestEventTimeOf(source);
      state.newestEventTime.set(state.maxEventMs);
      sources.put(source, state);
    }
    try (KeyValueIterator<Bytes, byte[]> all = windowsStore.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> entry = all.next();
        SourceState state = sources.get(StateCodec.sourceOfKey(entry.key.get()));
        if (state != null) {
          state.openWindows.put(
              StateCodec.windowStartOfKey(entry.key.get()), StateCodec.longsOf(entry.value));
        }
      }
    }
    Duration checkEvery = Duration.ofMillis(Math.max(10, Math.min(1000, idleTimeoutMs / 4)));
    context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::markSilentSourcesIdle);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata metadata = context.recordMetadata().orElseThrow();
    SourceState state = sources.get(layout.sourceOf(metadata.topic(), metadata.partition()));
    if (state == null) {
      throw new IllegalStateException(
          "Task " + context.taskId() + " got a record of an unexpected source: " + metadata);
    }
    state.lastRecordWallMs = context.currentSystemTimeMs();
    DecodeResult result = decoder.decode(record.value());
    // Counted once decoded or rejected: a decode that found the registry unavailable goes up and
    // the record is read again, by the replacing stream thread, from the last commit (the count,
    // not committed, is dropped with the task).
    recordsIn.increment();
    if (result instanceof DecodeResult.Rejected rejected) {
      deadLetter(record, metadata, rejected);
      return;
    }
    EditEvent event = ((DecodeResult.Decoded) result).event();
    long timestamp = Math.max(0, record.timestamp());
    if (state.idle) {
      state.idle = false;
      forward(state, new SourceWatermark(state.source, watermarkOf(state)), timestamp);
      saveSource(state);
    }
    if (EditRules.isCounted(event)) {
      count(state, event, record, metadata, timestamp);
    }
    long eventMs = event.eventTime().toEpochMilli();
    if (eventMs > state.maxEventMs) {
      state.maxEventMs = eventMs;
      // An ordered store without a fence: the metrics may read it a moment late.
      state.newestEventTime.lazySet(eventMs);
      long watermark = watermarkOf(state);
      long slide = Watermarks.slideOf(watermark, slideMs);
      if (slide != state.reportedSlide) {
        sendClosedWindows(state, watermark, timestamp);
        forward(state, new SourceWatermark(state.source, watermark), timestamp);
        state.reportedSlide = slide;
        saveSource(state);
      }
    }
  }

  private void count(
      SourceState state,
      EditEvent event,
      Record<byte[], byte[]> record,
      RecordMetadata metadata,
      long timestamp) {
    Actor actor = EditRules.actorOf(event);
    long watermark = watermarkOf(state);
    List<Window> eventWindows = windows.windowsFor(event.eventTime());
    boolean closedInSource = false;
    for (int i = 0; i < eventWindows.size(); i++) {
      Window window = eventWindows.get(i);
      if (!Watermarks.isClosed(window.end().toEpochMilli(), watermark)) {
        long start = window.start().toEpochMilli();
        long[] counts = state.openWindows.computeIfAbsent(start, s -> new long[ACTORS + 1]);
        counts[actor.ordinal()]++;
        if (i == eventWindows.size() - 1) {
          counts[NEWEST]++;
        }
        windowsStore.put(
            Bytes.wrap(StateCodec.sourceWindowKey(state.source, start)), StateCodec.longs(counts));
      } else {
        closedInSource = true;
      }
    }
    if (closedInSource) {
      long eventMs = event.eventTime().toEpochMilli();
      if (config.lateEvents() == LateEvents.DEAD_LETTER) {
        forwardKeepingTheRecord(
            state, eventMs, actor.ordinal(), watermark, record, metadata, event, timestamp);
      } else {
        forward(
            state, new LateCandidate(state.source, eventMs, actor.ordinal(), watermark), timestamp);
      }
    }
  }

  /**
   * Sends a late candidate with what a dead letter needs in its headers: the input record's own
   * headers, its source offset and its event time (the merger adds the reason and the watermark).
   * The record is fitted to the dead-letter limit here, before it crosses the repartition topic
   * (which takes records of that limit, see {@link StreamsProperties}): a record the input takes
   * but that topic or its producer refused would fail the stream thread again after each
   * replacement.
   */
  private void forwardKeepingTheRecord(
      SourceState state,
      long eventMs,
      int actorOrdinal,
      long watermark,
      Record<byte[], byte[]> record,
      RecordMetadata metadata,
      EditEvent event,
      long timestamp) {
    Headers headers = sourceHeaders(record, metadata);
    header(headers, DeadLetterHeaders.EVENT_TIME, event.eventTime().toString());
    DeadLetterLimit.Fitted fitted = fittedToTheDeadLetterLimit(record, headers);
    LateCandidate candidate =
        new LateCandidate(
            state.source,
            eventMs,
            actorOrdinal,
            watermark,
            new OriginalRecord(fitted.key(), fitted.value()));
    context.forward(
        new Record<byte[], StageOneOutput>(
            state.messageKey, candidate, timestamp, fitted.headers()));
  }

  /** The record's headers plus where it was read. */
  private static Headers sourceHeaders(Record<byte[], byte[]> record, RecordMetadata metadata) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    header(headers, DeadLetterHeaders.SOURCE_TOPIC, metadata.topic());
    header(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(metadata.partition()));
    header(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(metadata.offset()));
    return headers;
  }

  private void sendClosedWindows(SourceState state, long watermark, long timestamp) {
    while (!state.openWindows.isEmpty()
        && Watermarks.isClosed(state.openWindows.firstKey() + sizeMs, watermark)) {
      sendPartial(state, state.openWindows.pollFirstEntry(), timestamp);
    }
  }

  private void sendPartial(SourceState state, Map.Entry<Long, long[]> window, long timestamp) {
    long[] counts = window.getValue();
    long[] byActor = new long[ACTORS];
    System.arraycopy(counts, 0, byActor, 0, ACTORS);
    forward(
        state, new PartialCount(state.source, window.getKey(), byActor, counts[NEWEST]), timestamp);
    windowsStore.delete(Bytes.wrap(StateCodec.sourceWindowKey(state.source, window.getKey())));
  }

  @Override
  public void close() {
    metrics.close();
  }

  private void markSilentSourcesIdle(long nowMs) {
    metrics.flush();
    for (SourceState state : sources.values()) {
      if (state.lastRecordWallMs == Long.MIN_VALUE) {
        // Silence is measured from the first check after the task started.
        state.lastRecordWallMs = nowMs;
      }
      if (!state.idle && nowMs - state.lastRecordWallMs >= idleTimeoutMs) {
        long timestamp = Math.max(0, nowMs);
        // The merger takes over this source's open counts, so that windows the other sources
        // close while it is idle are written complete.
        while (!state.openWindows.isEmpty()) {
          sendPartial(state, state.openWindows.pollFirstEntry(), timestamp);
        }
        forward(state, new SourceIdle(state.source), timestamp);
        state.idle = true;
        saveSource(state);
        LOG.info(
            "Input source {} (task {}) had no data for {} ms: it no longer holds event time back",
            state.source,
            context.taskId(),
            idleTimeoutMs);
      }
    }
  }

  private void deadLetter(
      Record<byte[], byte[]> record, RecordMetadata metadata, DecodeResult.Rejected rejected) {
    Headers headers = sourceHeaders(record, metadata);
    header(headers, DeadLetterHeaders.ERROR_CLASS, rejected.reason().name());
    header(headers, DeadLetterHeaders.ERROR_MESSAGE, rejected.message());
    DeadLetterLimit.Fitted fitted = fittedToTheDeadLetterLimit(record, headers);
    context.forward(
        new Record<byte[], StageOneOutput>(
            fitted.key(),
            new DeadLetterValue(fitted.value()),
            Math.max(0, record.timestamp()),
            fitted.headers()));
    deadLettered.increment();
    deadLettersByReason.get(rejected.reason()).increment();
  }

  /** The record with {@code headers} as a dead letter of it is written (or carried to one). */
  private DeadLetterLimit.Fitted fittedToTheDeadLetterLimit(
      Record<byte[], byte[]> record, Headers headers) {
    return config
        .deadLetterLimit()
        .fitted(
            record.key(),
            record.value(),
            headers,
            DeadLetterHeaders.PREFIX,
            DeadLetterHeaders.OMITTED);
  }

  private static void header(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private void forward(SourceState state, MergerMessage message, long timestamp) {
    context.forward(new Record<byte[], StageOneOutput>(state.messageKey, message, timestamp));
  }

  private long watermarkOf(SourceState state) {
    return Watermarks.ofPartition(state.maxEventMs, latenessMs);
  }

  private void saveSource(SourceState state) {
    sourcesStore.put(
        state.source, StateCodec.longs(state.maxEventMs, state.reportedSlide, state.idle ? 1 : 0));
  }
}
