package org.wikipulse.adapter.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/**
 * Maps a partition's rows one by one, lazily, leaving out those the mapping returns null for (they
 * belong to the other branch of the query), so that a partition is never held in memory.
 */
final class SkippingIterator implements Iterator<Row> {
  private final Iterator<Row> input;
  private final Function<Row, Row> mapping;
  private Row next;

  SkippingIterator(Iterator<Row> input, Function<Row, Row> mapping) {
    this.input = input;
    this.mapping = mapping;
  }

  @Override
  public boolean hasNext() {
    while (next == null && input.hasNext()) {
      next = mapping.apply(input.next());
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = next;
    next = null;
    return row;
  }
}
