package org.wikipulse.adapter.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * One Kafka record as Spark's Kafka source gives it, for feeding a memory stream.
 *
 * @param headers header keys and values, in order
 */
record KafkaRecord(
    byte[] key, byte[] value, String topic, int partition, long offset, List<Header> headers) {

  record Header(String key, byte[] value) {
    String text() {
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
  }

  /** The row in the shape of {@link KafkaColumns#SOURCE}. */
  Row toRow() {
    List<Row> headerRows = new ArrayList<>();
    for (Header header : headers) {
      headerRows.add(RowFactory.create(header.key(), header.value()));
    }
    return RowFactory.create(
        key, value, topic, partition, offset, JavaConverters.asScalaBuffer(headerRows));
  }

  /** Reads the headers of a sink row's {@code headers} column. */
  static List<Header> headersOf(Row sinkRow) {
    List<Header> headers = new ArrayList<>();
    int index = sinkRow.fieldIndex(KafkaColumns.HEADERS);
    if (!sinkRow.isNullAt(index)) {
      for (Row header : sinkRow.<Row>getList(index)) {
        headers.add(new Header(header.getString(0), (byte[]) header.get(1)));
      }
    }
    return headers;
  }
}
