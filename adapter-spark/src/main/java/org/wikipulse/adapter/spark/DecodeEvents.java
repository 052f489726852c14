package org.wikipulse.adapter.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.WireCodecs;

/**
 * Decodes each record once, {@link KafkaColumns#SOURCE} in, {@link EventColumns} out, with one
 * decoder per partition (decoders are not thread-safe). A record that cannot be decoded goes to the
 * {@link DeadLetterSink}; the task completes only once its dead letters are stored.
 *
 * <p>Events that share an event time, counting and actor leave as one row with their number, a
 * combine before the engine's own: everything Spark does afterwards (watermark, lateness, windows)
 * depends on nothing else, so the answer is the same, with a fraction of the rows to convert,
 * explode into windows and hash. At most {@link #MAX_GROUPS} groups are held at a time, so a
 * partition of any size is combined in bounded memory.
 */
final class DecodeEvents implements MapPartitionsFunction<Row, Row> {
  static final int MAX_GROUPS = 10_000;
  private static final long serialVersionUID = 1L;

  private final WireCodecs codecs;
  private final DeadLetterSink deadLetterSink;
  private final int maxGroups;
  private final int initialCapacity;

  DecodeEvents(WireCodecs codecs, DeadLetterSink deadLetterSink) {
    this(codecs, deadLetterSink, MAX_GROUPS);
  }

  DecodeEvents(WireCodecs codecs, DeadLetterSink deadLetterSink, int maxGroups) {
    this.codecs = codecs;
    this.deadLetterSink = deadLetterSink;
    this.maxGroups = maxGroups;
    // Room for every group without a resize at the map's default load factor.
    this.initialCapacity = maxGroups * 4 / 3 + 1;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> records) {
    RetryingDecoder decoder = new RetryingDecoder(codecs.newDecoder());
    DeadLetterSink.Writer deadLetters = deadLetterSink.open();
    TaskContext task = TaskContext.get();
    if (task != null) {
      // Closes the writer of a task that fails or is cut short before its input ends.
      task.addTaskCompletionListener((TaskCompletionListener) context -> deadLetters.close());
    }
    return new Iterator<>() {
      private Iterator<Row> combined = Collections.emptyIterator();
      private boolean flushed;

      @Override
      public boolean hasNext() {
        while (!combined.hasNext()) {
          if (!records.hasNext()) {
            if (!flushed) {
              flushed = true;
              deadLetters.flush();
            }
            return false;
          }
          combined = combineNext(records, decoder, deadLetters);
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return combined.next();
      }
    };
  }

  private Iterator<Row> combineNext(
      Iterator<Row> records, RetryingDecoder decoder, DeadLetterSink.Writer deadLetters) {
    Map<EventColumns.Group, long[]> groups = new HashMap<>(initialCapacity);
    long deadLettered = 0;
    while (records.hasNext() && groups.size() < maxGroups) {
      Row record = records.next();
      DecodeResult result = decoder.decode((byte[]) record.get(1));
      if (result instanceof DecodeResult.Decoded decoded) {
        groups.computeIfAbsent(EventColumns.Group.of(decoded.event()), group -> new long[1])[0]++;
      } else {
        deadLetters.write(DeadLetter.of(record, (DecodeResult.Rejected) result));
        deadLettered++;
      }
    }
    List<Row> rows = new ArrayList<>(groups.size() + 1);
    groups.forEach((group, events) -> rows.add(group.row(events[0])));
    if (deadLettered > 0) {
      rows.add(EventColumns.deadLettered(deadLettered));
    }
    return rows.iterator();
  }
}
