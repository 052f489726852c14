package org.wikipulse.app.consume;

/** How consumed records are printed. */
public interface RecordFormat {

  /** Prints a batch of records, in order. */
  void print(java.util.List<ConsumedRecord> batch);

  /** Writes whatever is buffered. */
  default void finish() {}
}
