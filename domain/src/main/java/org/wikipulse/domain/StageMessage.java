package org.wikipulse.domain;

import java.io.Serializable;

/**
 * What a {@link PartitionStage} tells the {@link MergeStage} about its input partition (a
 * <em>source</em>). A runtime may carry these between tasks or machines; the merge stage must
 * receive one source's messages in the order they were made.
 */
public sealed interface StageMessage extends Serializable {

  /** The source the message is about. */
  int source();

  /**
   * The counts a source gathered for one window while the window was open in that source: made when
   * the source's own watermark reaches the window's end, or before the source goes idle.
   *
   * @param windowStartMs the window's start
   * @param countsByActor counts indexed by {@link Actor#ordinal()}
   * @param newestWindowEvents how many of the counted events have this window as their newest one:
   *     counted if the merge accepts the window, dropped as late if not
   */
  record PartialCount(int source, long windowStartMs, long[] countsByActor, long newestWindowEvents)
      implements StageMessage {}

  /**
   * A counted event with windows that had already closed in its own source: the merge decides those
   * windows against the pipeline watermark.
   *
   * @param eventTimeMs the event time
   * @param actorOrdinal the actor's {@link Actor#ordinal()}
   * @param sourceWatermarkMs the source's own watermark before the event: the windows ending at or
   *     before it are left to the merge, the others were counted by the source
   */
  record LateCandidate(int source, long eventTimeMs, int actorOrdinal, long sourceWatermarkMs)
      implements StageMessage {}

  /**
   * The source's own watermark, made when it moves into another slide (window ends are multiples of
   * the slide, so nothing finer matters) and when the source has data again after being idle.
   */
  record SourceWatermark(int source, long watermarkMs) implements StageMessage {}

  /** The source had no data for the idle timeout; its open counts were sent just before. */
  record SourceIdle(int source) implements StageMessage {}
}
