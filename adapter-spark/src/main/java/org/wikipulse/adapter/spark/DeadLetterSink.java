package org.wikipulse.adapter.spark;

import java.io.Serializable;

/**
 * Where the decoding step sends the records it cannot decode, from inside each task: the query
 * scans and decodes its input once, and a dead letter leaves with the task that found it rather
 * than through a second branch of the plan (which would scan and decode everything again).
 *
 * <p>Shipped to the executors with the task, so it holds only settings; each task opens a writer of
 * its own.
 */
interface DeadLetterSink extends Serializable {

  /** A writer for one task. */
  Writer open();

  /** The topic dead letters go to, for log lines and errors. */
  String topic();

  /** Writes one task's dead letters; not thread-safe. */
  interface Writer extends AutoCloseable {
    void write(DeadLetter deadLetter);

    /**
     * Returns once every dead letter written so far is stored, or throws if any could not be: the
     * task then fails instead of completing without them, and its batch runs again.
     */
    void flush();

    /** Releases the writer; idempotent. */
    @Override
    void close();
  }
}
