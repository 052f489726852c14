package org.wikipulse.adapter.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.wikipulse.ports.DecodeResult;

/**
 * One input record as Spark's Kafka source gives it ({@link KafkaColumns#SOURCE}), kept when it has
 * to leave as a dead letter; read from the rows of stage one's select of {@link #COLUMNS}.
 *
 * @param headers the record's own headers, in order
 */
record SourceRecord(
    byte[] key,
    byte[] value,
    String topic,
    int partition,
    long offset,
    List<DeadLetter.Header> headers)
    implements Serializable {

  /**
   * The columns stage one reads ({@link BatchMerge#stageOne}), in this order: the rows reach the
   * tasks as Spark's internal rows, read by position. Not as {@code Row}s: converting to them ran
   * code that initialised Scala's runtime reflection in the first tasks of each JVM, some seconds
   * of the first micro-batch after every start, waited for by every task.
   */
  static final String[] COLUMNS = {
    KafkaColumns.KEY,
    KafkaColumns.VALUE,
    KafkaColumns.TOPIC,
    KafkaColumns.PARTITION,
    KafkaColumns.OFFSET,
    KafkaColumns.HEADERS
  };

  private static final int KEY = 0;
  private static final int VALUE = 1;
  private static final int TOPIC = 2;
  private static final int PARTITION = 3;
  private static final int OFFSET = 4;
  private static final int HEADERS = 5;

  /** Fields of a header: its key, then its value. */
  private static final int HEADER_FIELDS = 2;

  static int partitionOf(InternalRow row) {
    return row.getInt(PARTITION);
  }

  static long offsetOf(InternalRow row) {
    return row.getLong(OFFSET);
  }

  static byte[] valueOf(InternalRow row) {
    return row.isNullAt(VALUE) ? null : row.getBinary(VALUE);
  }

  static RejectedRecord rejectedOf(InternalRow row, DecodeResult.Rejected rejected) {
    return RejectedRecord.of(
        row.getUTF8String(TOPIC).toString(), partitionOf(row), offsetOf(row), rejected);
  }

  /** The whole record, copied out of the row (Spark reuses a row for the next one). */
  static SourceRecord of(InternalRow row) {
    List<DeadLetter.Header> read = new ArrayList<>();
    if (!row.isNullAt(HEADERS)) {
      ArrayData headers = row.getArray(HEADERS);
      for (int i = 0; i < headers.numElements(); i++) {
        InternalRow header = headers.getStruct(i, HEADER_FIELDS);
        read.add(
            new DeadLetter.Header(
                header.getUTF8String(0).toString(),
                header.isNullAt(1) ? null : header.getBinary(1)));
      }
    }
    return new SourceRecord(
        row.isNullAt(KEY) ? null : row.getBinary(KEY),
        valueOf(row),
        row.getUTF8String(TOPIC).toString(),
        partitionOf(row),
        offsetOf(row),
        List.copyOf(read));
  }
}
