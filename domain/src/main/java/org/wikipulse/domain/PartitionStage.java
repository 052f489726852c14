package org.wikipulse.domain;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage one of the two-stage form of {@link ReferenceAnalysis}, for one input partition (a
 * <em>source</em>): keeps the source's own watermark, counts each counted event into its windows
 * still open in the source, and tells the {@link MergeStage} about windows it has closed, events
 * with windows already closed in the source (late candidates, which only the pipeline watermark can
 * decide), its watermark and its idleness. Messages go out a few per source per slide of event
 * time, plus one per late candidate, whatever the input rate.
 *
 * <p>Why the two stages answer as the reference: a partial count for window W is made before the
 * source reports a watermark at or past W's end, so while it is on its way wm(source) &lt; end(W);
 * if the source is not idle the pipeline watermark is at most that, and the merge accepts it, as
 * the reference accepts an event that is on time in its partition. Only window ends are compared
 * with watermarks, and they are multiples of the slide, so knowing a source's watermark to within
 * its slide changes no decision.
 *
 * <p>Not thread-safe; serializable, so that a runtime can hand it to the task reading the source.
 */
public final class PartitionStage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int ACTORS = Actor.values().length;

  /** Slot of a window's counts that holds how many events have it as their newest window. */
  private static final int NEWEST = ACTORS;

  private static final Actor[] ACTOR_VALUES = Actor.values();

  private final int source;
  private final WindowSpec windows;
  private long maxEventMs = Watermarks.NONE;
  private long reportedSlide = Watermarks.NONE;
  private boolean idle;
  private final TreeMap<Long, long[]> openWindows = new TreeMap<>();

  public PartitionStage(int source, WindowSpec windows) {
    this.source = source;
    this.windows = windows;
  }

  public int source() {
    return source;
  }

  /** Whether the source is idle: it has handed its open counts over and holds nothing back. */
  public boolean isIdle() {
    return idle;
  }

  /** The newest event time the source has had, {@link Watermarks#NONE} before any. */
  public long maxEventMs() {
    return maxEventMs;
  }

  /** The source's own watermark. */
  public long watermark() {
    return Watermarks.ofPartition(maxEventMs, windows.allowedLateness().toMillis());
  }

  /** Takes the source's next decoded event; appends what the merge stage must be told. */
  public void accept(EditEvent event, List<StageMessage> out) {
    if (idle) {
      idle = false;
      out.add(new StageMessage.SourceWatermark(source, watermark()));
    }
    long eventMs = event.eventTime().toEpochMilli();
    if (EditRules.isCounted(event)) {
      count(eventMs, EditRules.actorOf(event), out);
    }
    if (eventMs > maxEventMs) {
      maxEventMs = eventMs;
      long watermark = watermark();
      long slide = Watermarks.slideOf(watermark, windows.slide().toMillis());
      if (slide != reportedSlide) {
        long sizeMs = windows.size().toMillis();
        while (!openWindows.isEmpty()
            && Watermarks.isClosed(openWindows.firstKey() + sizeMs, watermark)) {
          out.add(partialOf(openWindows.pollFirstEntry()));
        }
        out.add(new StageMessage.SourceWatermark(source, watermark));
        reportedSlide = slide;
      }
    }
  }

  /**
   * The source had no data for the idle timeout: hands every open count to the merge, so that
   * windows the other sources close meanwhile are complete, and stops holding time back.
   */
  public void goIdle(List<StageMessage> out) {
    while (!openWindows.isEmpty()) {
      out.add(partialOf(openWindows.pollFirstEntry()));
    }
    out.add(new StageMessage.SourceIdle(source));
    idle = true;
  }

  private void count(long eventMs, Actor actor, List<StageMessage> out) {
    long watermark = watermark();
    long sizeMs = windows.size().toMillis();
    long slideMs = windows.slide().toMillis();
    long newest = windows.newestWindowStartMs(eventMs);
    boolean closedInSource = false;
    for (long start = windows.oldestWindowStartMs(eventMs); start <= newest; start += slideMs) {
      if (Watermarks.isClosed(start + sizeMs, watermark)) {
        closedInSource = true;
      } else {
        long[] counts = openWindows.computeIfAbsent(start, s -> new long[ACTORS + 1]);
        counts[actor.ordinal()]++;
        if (start == newest) {
          counts[NEWEST]++;
        }
      }
    }
    if (closedInSource) {
      out.add(new StageMessage.LateCandidate(source, eventMs, actor.ordinal(), watermark));
    }
  }

  private StageMessage.PartialCount partialOf(Map.Entry<Long, long[]> window) {
    long[] counts = window.getValue();
    long[] byActor = new long[ACTOR_VALUES.length];
    System.arraycopy(counts, 0, byActor, 0, ACTORS);
    return new StageMessage.PartialCount(source, window.getKey(), byActor, counts[NEWEST]);
  }
}
