package org.wikipulse.ports;

/**
 * A pipeline's counters. Nothing is lost silently: every record in is counted, filtered, dropped as
 * late, or dead-lettered.
 *
 * @param recordsIn records read from the input
 * @param counted events added to at least one window
 * @param droppedLate counted events dropped because all their windows had closed
 * @param deadLettered records written to the dead-letter topic
 * @param windowsOut output rows written
 */
public record PipelineProgress(
    long recordsIn, long counted, long droppedLate, long deadLettered, long windowsOut) {

  public static final PipelineProgress NONE = new PipelineProgress(0, 0, 0, 0, 0);
}
