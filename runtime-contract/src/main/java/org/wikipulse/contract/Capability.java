package org.wikipulse.contract;

/** What the reference does that a runtime may be unable to do; cases that need one name it. */
public enum Capability {
  /**
   * The pipeline watermark is the minimum of the partitions' watermarks, so a partition that is
   * behind the others by more than the allowed lateness loses nothing.
   */
  PER_PARTITION_WATERMARK,

  /** A partition silent for the idle timeout stops holding the watermark back. */
  IDLE_PARTITIONS,

  /**
   * The watermark moves after every record, so a record late behind an earlier record of the same
   * batch is dropped as the reference drops it.
   */
  RECORD_AT_A_TIME_WATERMARK,

  /** The counted and dropped-late counters count events, exactly as the reference counts them. */
  EXACT_EVENT_COUNTERS,

  /**
   * With {@code late-events: dead-letter}, each event dropped as late goes to the dead-letter topic
   * as it was read, with reason LATE, its event time and the watermark it missed.
   */
  LATE_EVENTS_DEAD_LETTERED,

  /**
   * Each output row is written once for {@code read_committed} readers, also when the runtime reads
   * a batch again after a crash between writing its output and recording its input as read.
   */
  EXACTLY_ONCE_OUTPUT
}
