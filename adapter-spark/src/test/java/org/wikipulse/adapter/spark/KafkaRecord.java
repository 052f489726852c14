package org.wikipulse.adapter.spark;

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

  record Header(String key, byte[] value) {}

  /** The row in the shape of {@link KafkaColumns#SOURCE}. */
  Row toRow() {
    List<Row> headerRows = new ArrayList<>();
    for (Header header : headers) {
      headerRows.add(RowFactory.create(header.key(), header.value()));
    }
    return RowFactory.create(
        key, value, topic, partition, offset, JavaConverters.asScalaBuffer(headerRows));
  }
}
