package org.wikipulse.adapter.kstreams;

/**
 * What the partition tasks (stage one) tell the single merger task (stage two) about one input
 * source (a topic partition, numbered by {@link SourceLayout}). Messages of one source arrive in
 * the order they were sent.
 */
sealed interface MergerMessage extends StageOneOutput {

  /** The source the message is about. */
  int source();

  /**
   * The counts a source gathered for one window while the window was open in that source: sent when
   * the source's own watermark reaches the window's end, or before the source goes idle.
   *
   * @param windowStartMs the window's start
   * @param countsByActor counts indexed by {@link org.wikipulse.domain.Actor#ordinal()}
   * @param newestWindowEvents how many of the counted events have this window as their newest one:
   *     the merger counts them as counted if it accepts the window, as dropped-late if not
   */
  record PartialCount(int source, long windowStartMs, long[] countsByActor, long newestWindowEvents)
      implements MergerMessage {}

  /**
   * A counted event with windows that had already closed in its own source: the merger decides
   * those windows against the pipeline watermark.
   *
   * @param eventTimeMs the event time
   * @param actorOrdinal the actor's {@link org.wikipulse.domain.Actor#ordinal()}
   * @param sourceWatermarkMs the source's own watermark before the event: the windows ending at or
   *     before it are the ones left to the merger, the others were counted by the source
   * @param original the input record's key and value, for a dead letter if the merger drops the
   *     event; null unless late events are dead-lettered (its source offset and headers travel as
   *     the message's headers)
   */
  record LateCandidate(
      int source,
      long eventTimeMs,
      int actorOrdinal,
      long sourceWatermarkMs,
      OriginalRecord original)
      implements MergerMessage {

    /** A candidate whose input record is not kept: late events are only counted. */
    LateCandidate(int source, long eventTimeMs, int actorOrdinal, long sourceWatermarkMs) {
      this(source, eventTimeMs, actorOrdinal, sourceWatermarkMs, null);
    }
  }

  /**
   * An input record's key and value as they were read.
   *
   * @param key the key, possibly null
   * @param value the value
   */
  record OriginalRecord(byte[] key, byte[] value) {}

  /**
   * The source's own watermark, sent when it moves into another slide (window ends are multiples of
   * the slide, so nothing finer matters) and when the source has data again after being idle.
   */
  record SourceWatermark(int source, long watermarkMs) implements MergerMessage {}

  /** The source had no data for the idle timeout; its open counts were sent just before. */
  record SourceIdle(int source) implements MergerMessage {}
}
