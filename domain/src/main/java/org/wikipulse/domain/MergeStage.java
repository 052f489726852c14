package org.wikipulse.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage two of the two-stage form of {@link ReferenceAnalysis}: takes the {@link StageMessage}s of
 * every source's {@link PartitionStage}, forms the pipeline watermark ({@link PipelineWatermark}),
 * sums the partial counts of windows still open in the pipeline, decides late candidates against
 * the pipeline watermark, and emits each (window, actor) row once, when the pipeline watermark
 * reaches the window's end. Counted and dropped-late are decided here: an event is counted exactly
 * when its newest window is accepted (older windows close first), which a partial count carries.
 *
 * <p>Not thread-safe; serializable, so that a runtime can store it whole.
 */
public final class MergeStage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Actor[] ACTORS = Actor.values();

  private final WindowSpec windows;
  private final PipelineWatermark watermark;
  private final TreeMap<Long, long[]> openWindows = new TreeMap<>();
  private long counted;
  private long droppedLate;

  public MergeStage(WindowSpec windows, int partitions) {
    this.windows = windows;
    this.watermark = new PipelineWatermark(partitions);
  }

  /** Takes one message; returns the rows it closes, in window then actor order. */
  public List<WindowCount> accept(StageMessage message) {
    if (message.source() < 0 || message.source() >= watermark.partitions()) {
      throw new IllegalStateException(
          "A message from source "
              + message.source()
              + ", but the input has "
              + watermark.partitions()
              + " partitions: was the input topic repartitioned under a running pipeline?");
    }
    if (message instanceof StageMessage.PartialCount partial) {
      mergePartial(partial);
    } else if (message instanceof StageMessage.LateCandidate candidate) {
      mergeLateCandidate(candidate);
    } else if (message instanceof StageMessage.SourceWatermark sourceWatermark) {
      watermark.observe(sourceWatermark.source(), sourceWatermark.watermarkMs());
      return advance();
    } else if (message instanceof StageMessage.SourceIdle sourceIdle) {
      watermark.markIdle(sourceIdle.source());
      return advance();
    }
    return List.of();
  }

  /** The pipeline watermark, {@link Watermarks#NONE} before it is known. */
  public long watermark() {
    return watermark.current();
  }

  /** How many counted events were added to at least one window so far. */
  public long counted() {
    return counted;
  }

  /** How many counted events were dropped because all their windows had closed. */
  public long droppedLate() {
    return droppedLate;
  }

  private void mergePartial(StageMessage.PartialCount partial) {
    long end = partial.windowStartMs() + windows.size().toMillis();
    if (Watermarks.isClosed(end, watermark.current())) {
      // The source was idle while the pipeline closed this window; events whose newest window it
      // is have no open window left (their older windows closed first).
      droppedLate += partial.newestWindowEvents();
      return;
    }
    long[] counts = open(partial.windowStartMs());
    for (int actor = 0; actor < ACTORS.length; actor++) {
      counts[actor] += partial.countsByActor()[actor];
    }
    counted += partial.newestWindowEvents();
  }

  private void mergeLateCandidate(StageMessage.LateCandidate candidate) {
    boolean countedInSource = false;
    boolean countedHere = false;
    for (Window window : windows.windowsFor(Instant.ofEpochMilli(candidate.eventTimeMs()))) {
      long end = window.end().toEpochMilli();
      if (!Watermarks.isClosed(end, candidate.sourceWatermarkMs())) {
        countedInSource = true;
      } else if (!Watermarks.isClosed(end, watermark.current())) {
        open(window.start().toEpochMilli())[candidate.actorOrdinal()]++;
        countedHere = true;
      }
    }
    if (!countedInSource) {
      // Otherwise the source's partial count of the event's newest window accounts for it.
      if (countedHere) {
        counted++;
      } else {
        droppedLate++;
      }
    }
  }

  private long[] open(long windowStartMs) {
    return openWindows.computeIfAbsent(windowStartMs, start -> new long[ACTORS.length]);
  }

  private List<WindowCount> advance() {
    if (!watermark.advance()) {
      return List.of();
    }
    List<WindowCount> rows = new ArrayList<>();
    long sizeMs = windows.size().toMillis();
    while (!openWindows.isEmpty()
        && Watermarks.isClosed(openWindows.firstKey() + sizeMs, watermark.current())) {
      Map.Entry<Long, long[]> window = openWindows.pollFirstEntry();
      Window closed = windows.windowStartingAt(Instant.ofEpochMilli(window.getKey()));
      for (Actor actor : ACTORS) {
        long count = window.getValue()[actor.ordinal()];
        if (count > 0) {
          rows.add(new WindowCount(closed, actor, count));
        }
      }
    }
    return rows;
  }
}
