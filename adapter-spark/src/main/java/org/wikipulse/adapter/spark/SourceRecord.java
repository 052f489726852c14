package org.wikipulse.adapter.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.wikipulse.ports.DecodeResult;

/**
 * One input record as Spark's Kafka source gives it ({@link KafkaColumns#SOURCE}), kept when it has
 * to leave as a dead letter. Columns are read by name, so no {@code select} elsewhere decides what
 * a position means.
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

  /** Where each column of {@link KafkaColumns#SOURCE} is in rows of one schema. */
  record Columns(int key, int value, int topic, int partition, int offset, int headers)
      implements Serializable {

    static Columns of(Row first) {
      return new Columns(
          first.fieldIndex(KafkaColumns.KEY),
          first.fieldIndex(KafkaColumns.VALUE),
          first.fieldIndex(KafkaColumns.TOPIC),
          first.fieldIndex(KafkaColumns.PARTITION),
          first.fieldIndex(KafkaColumns.OFFSET),
          first.fieldIndex(KafkaColumns.HEADERS));
    }

    int partitionOf(Row row) {
      return row.getInt(partition);
    }

    byte[] valueOf(Row row) {
      return row.isNullAt(value) ? null : (byte[]) row.get(value);
    }

    RejectedRecord rejectedOf(Row row, DecodeResult.Rejected rejected) {
      return RejectedRecord.of(
          row.getString(topic), row.getInt(partition), row.getLong(offset), rejected);
    }

    SourceRecord recordOf(Row row) {
      List<DeadLetter.Header> read = new ArrayList<>();
      if (!row.isNullAt(headers)) {
        for (Row header : row.<Row>getList(headers)) {
          read.add(
              new DeadLetter.Header(
                  header.getString(header.fieldIndex("key")),
                  (byte[]) header.get(header.fieldIndex("value"))));
        }
      }
      return new SourceRecord(
          row.isNullAt(key) ? null : (byte[]) row.get(key),
          valueOf(row),
          row.getString(topic),
          row.getInt(partition),
          row.getLong(offset),
          List.copyOf(read));
    }
  }
}
