package org.wikipulse.adapter.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DecodeResult;

/**
 * A record that cannot be processed, as it is written to the dead-letter topic: the original key,
 * value and headers, followed by the {@link DeadLetterHeaders}, the layout both runtimes write.
 *
 * @param headers in order: the original ones, then the dead-letter ones
 */
record DeadLetter(byte[] key, byte[] value, List<Header> headers) {

  record Header(String key, byte[] value) {}

  /**
   * @param source a row of {@link KafkaColumns#SOURCE}
   * @param rejected why its value cannot be decoded
   */
  static DeadLetter of(Row source, DecodeResult.Rejected rejected) {
    List<Header> headers = new ArrayList<>();
    if (!source.isNullAt(5)) {
      for (Row header : source.<Row>getList(5)) {
        headers.add(new Header(header.getString(0), (byte[]) header.get(1)));
      }
    }
    headers.add(text(DeadLetterHeaders.ERROR_CLASS, rejected.reason().name()));
    headers.add(text(DeadLetterHeaders.ERROR_MESSAGE, rejected.message()));
    headers.add(text(DeadLetterHeaders.SOURCE_TOPIC, source.getString(2)));
    headers.add(text(DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(source.getInt(3))));
    headers.add(text(DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(source.getLong(4))));
    return new DeadLetter((byte[]) source.get(0), (byte[]) source.get(1), List.copyOf(headers));
  }

  private static Header text(String key, String value) {
    return new Header(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
