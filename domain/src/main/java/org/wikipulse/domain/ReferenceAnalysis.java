package org.wikipulse.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole analysis, one record at a time: the definition that every runtime is tested against.
 *
 * <p>Semantics (windows of {@link WindowSpec}, lateness L):
 *
 * <ol>
 *   <li><b>Windows.</b> An event at t belongs to every epoch-aligned half-open window [s, s+size)
 *       with s a multiple of the slide and s &lt;= t &lt; s+size. An event exactly at a window's
 *       end belongs to the next window.
 *   <li><b>What counts.</b> {@link EditRules#isCounted}: edits that are not canaries. Every decoded
 *       event, counted or not, advances event time.
 *   <li><b>Who.</b> {@link EditRules#actorOf}: Bot, Human, or Unknown when the flag is absent.
 *   <li><b>Watermarks.</b> Each input partition p has {@code wm(p) = max event time seen in p - L},
 *       or minus infinity before p has any data. The pipeline watermark is the minimum of wm(p)
 *       over the partitions that are not idle, and never moves back. A partition without data that
 *       is not idle holds it back; a partition is idle only when {@link #markIdle} says so (the
 *       runtimes derive idleness from wall-clock silence) and stops being idle with its next
 *       record. So a record that is on time in its own partition is never dropped, whatever order
 *       the partitions are read in. When every partition is idle, nothing holds time back and the
 *       watermark is the maximum of wm(p) (Flink's rule), so a wholly quiet input still closes its
 *       windows.
 *   <li><b>Late data.</b> A counted event adds one to each of its windows whose end is after the
 *       pipeline watermark as it stood before the event arrived; if there is none, the event is
 *       dropped and counted in {@link #droppedLate()}.
 *   <li><b>Output.</b> A (window, actor) row is emitted exactly once, with its final count, when
 *       the pipeline watermark reaches the window's end ({@code end <= watermark}). Windows with no
 *       counted event emit nothing. {@link #flush()} ends a bounded input and emits what is open.
 * </ol>
 *
 * <p>Worked example, one partition, times in seconds after an epoch-aligned instant T: an edit by a
 * Human at 10 adds to [-30,30) and [0,60); a Bot at 35 to [0,60) and [30,90); a Human at 20 is 15 s
 * out of order but on time; a canary at 100 moves the watermark to 40 and emits [-30,30) Human 2; a
 * Human at 25 then adds only to [0,60); a Human at 150 moves the watermark to 90 and emits [0,60)
 * Bot 1, [0,60) Human 3 and [30,90) Bot 1; a Bot at 15 is then dropped as late. The flush emits
 * [120,180) Human 1 and [150,210) Human 1.
 *
 * <p>The watermark rules themselves ({@link Watermarks}, {@link PipelineWatermark}) are the ones
 * every runtime calls; what stays here is the simple record-at-a-time bookkeeping around them.
 *
 * <p>Not thread-safe: one instance follows one ordered input.
 */
public final class ReferenceAnalysis {
  private final WindowSpec spec;
  private final long latenessMs;
  private final PipelineWatermark watermark;
  private final TreeMap<Window, EnumMap<Actor, Long>> openWindows = new TreeMap<>();
  private long eventsIn;
  private long counted;
  private long droppedLate;
  private long rowsOut;

  /**
   * @param spec the windows and the allowed lateness
   * @param partitions how many partitions the input has; each holds the watermark back until it has
   *     data or is idle
   */
  public ReferenceAnalysis(WindowSpec spec, int partitions) {
    this.spec = spec;
    this.latenessMs = spec.allowedLateness().toMillis();
    this.watermark = new PipelineWatermark(partitions);
  }

  /** Takes one decoded event from a partition and returns the rows it causes to be emitted. */
  public List<WindowCount> accept(int partition, EditEvent event) {
    checkPartition(partition);
    eventsIn++;
    if (EditRules.isCounted(event)) {
      count(event);
    }
    watermark.observe(
        partition, Watermarks.ofPartition(event.eventTime().toEpochMilli(), latenessMs));
    return advanceWatermark();
  }

  /**
   * Marks a partition idle, so it no longer holds the watermark back, and returns what that emits.
   */
  public List<WindowCount> markIdle(int partition) {
    checkPartition(partition);
    watermark.markIdle(partition);
    return advanceWatermark();
  }

  /** Ends a bounded input: emits every open row. */
  public List<WindowCount> flush() {
    List<WindowCount> rows = new ArrayList<>();
    while (!openWindows.isEmpty()) {
      emitFirstOpenWindow(rows);
    }
    return rows;
  }

  /** The pipeline watermark, or null before it is known. */
  public Instant watermark() {
    long current = watermark.current();
    return current == Watermarks.NONE ? null : Instant.ofEpochMilli(current);
  }

  public long eventsIn() {
    return eventsIn;
  }

  /** How many counted events were added to at least one window. */
  public long counted() {
    return counted;
  }

  /** How many counted events were dropped because all their windows had closed. */
  public long droppedLate() {
    return droppedLate;
  }

  public long rowsOut() {
    return rowsOut;
  }

  private void count(EditEvent event) {
    Actor actor = EditRules.actorOf(event);
    boolean addedToAny = false;
    for (Window window : spec.windowsFor(event.eventTime())) {
      if (!Watermarks.isClosed(window.end().toEpochMilli(), watermark.current())) {
        openWindows
            .computeIfAbsent(window, w -> new EnumMap<>(Actor.class))
            .merge(actor, 1L, Long::sum);
        addedToAny = true;
      }
    }
    if (addedToAny) {
      counted++;
    } else {
      droppedLate++;
    }
  }

  private List<WindowCount> advanceWatermark() {
    watermark.advance();
    List<WindowCount> rows = new ArrayList<>();
    while (!openWindows.isEmpty()
        && Watermarks.isClosed(openWindows.firstKey().end().toEpochMilli(), watermark.current())) {
      emitFirstOpenWindow(rows);
    }
    return rows;
  }

  private void emitFirstOpenWindow(List<WindowCount> rows) {
    Map.Entry<Window, EnumMap<Actor, Long>> first = openWindows.pollFirstEntry();
    // Windows are ordered by start; with one size, ends are ordered too, so closing stops at the
    // first window still open.
    for (Map.Entry<Actor, Long> actorCount : first.getValue().entrySet()) {
      rows.add(new WindowCount(first.getKey(), actorCount.getKey(), actorCount.getValue()));
      rowsOut++;
    }
  }

  private void checkPartition(int partition) {
    if (partition < 0 || partition >= watermark.partitions()) {
      throw new IllegalArgumentException(
          "Partition " + partition + " is not in [0, " + watermark.partitions() + ")");
    }
  }
}
