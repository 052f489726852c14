package org.wikipulse.adapter.spark;

import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.WireCodecs;

/**
 * Decodes each record once: {@link KafkaColumns#SOURCE} in, one {@link EventColumns} row out per
 * record, with one decoder per partition (decoders are not thread-safe). A record that cannot be
 * decoded goes to the {@link DeadLetterSink} and leaves a marker row behind, so that the query's
 * observed metrics count it; the task completes only once its dead letters are stored.
 */
final class DecodeEvents implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final WireCodecs codecs;
  private final DeadLetterSink deadLetterSink;

  DecodeEvents(WireCodecs codecs, DeadLetterSink deadLetterSink) {
    this.codecs = codecs;
    this.deadLetterSink = deadLetterSink;
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
      private boolean flushed;

      @Override
      public boolean hasNext() {
        boolean more = records.hasNext();
        if (!more && !flushed) {
          flushed = true;
          deadLetters.flush();
        }
        return more;
      }

      @Override
      public Row next() {
        Row record = records.next();
        DecodeResult result = decoder.decode((byte[]) record.get(1));
        if (result instanceof DecodeResult.Decoded decoded) {
          return EventColumns.of(decoded.event());
        }
        deadLetters.write(DeadLetter.of(record, (DecodeResult.Rejected) result));
        return EventColumns.DEAD_LETTER;
      }
    };
  }
}
