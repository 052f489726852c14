package org.wikipulse.app.ingest;

import java.util.OptionalLong;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;

/** Where ingested recentchange events come from. */
public interface RecentChangeSource {

  /**
   * Hands records to the sink, in order, until the source is exhausted or the sink answers false.
   */
  void feed(Predicate<GenericRecord> sink) throws InterruptedException;

  /** Records the source could not read, each already reported on stderr. */
  default long skipped() {
    return 0;
  }

  /** How many records it holds, when that is known before reading them. */
  default OptionalLong size() {
    return OptionalLong.empty();
  }

  /** What it is, for status lines. */
  String describe();
}
