package org.wikipulse.adapter.spark;

import java.io.Serializable;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;

/**
 * An input record a task could not decode, by where it is and why, without its bytes: the task
 * hands it to the driver with its batch, and the driver copies the record from the input into the
 * batch's transaction as a dead letter. So a dead letter costs the driver this much whatever the
 * size of the garbage it stands for, and it is written once with its batch.
 *
 * @param message why, cut to {@link #MAX_MESSAGE} characters
 */
record RejectedRecord(
    String topic, int partition, long offset, DeadLetterReason reason, String message)
    implements Serializable {

  /** Decoders' messages are a line; this keeps one that quotes its input from growing a batch. */
  static final int MAX_MESSAGE = 500;

  RejectedRecord {
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
  }

  static RejectedRecord of(
      String topic, int partition, long offset, DecodeResult.Rejected rejected) {
    return new RejectedRecord(topic, partition, offset, rejected.reason(), rejected.message());
  }

  /** The dead letter of this record, given the record as the input holds it. */
  DeadLetter deadLetter(SourceRecord source) {
    return DeadLetter.of(source, reason, message);
  }
}
