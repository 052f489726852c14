package org.wikipulse.ports;

/** What a pipeline does with an event that the watermark drops as late. */
public enum LateEvents {
  /** Drops it and counts it in {@link PipelineProgress#droppedLate()}: nothing else. */
  COUNT,
  /**
   * Also writes it, unchanged, to the dead-letter topic with reason {@link DeadLetterReason#LATE},
   * its event time and the watermark it missed in {@link DeadLetterHeaders}.
   */
  DEAD_LETTER
}
