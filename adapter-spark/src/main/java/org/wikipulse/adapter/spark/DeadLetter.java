package org.wikipulse.adapter.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;

/**
 * A record that cannot be processed, as it is written to the dead-letter topic: the original key,
 * value and headers, followed by the {@link DeadLetterHeaders}, the layout both runtimes write.
 *
 * @param headers in order: the original ones, then the dead-letter ones
 */
record DeadLetter(byte[] key, byte[] value, List<Header> headers) implements Serializable {

  record Header(String key, byte[] value) implements Serializable {}

  /** A record whose value cannot be decoded. */
  static DeadLetter of(SourceRecord source, DeadLetterReason reason, String message) {
    return of(source, reason, message, List.of());
  }

  /** A counted event that the watermark dropped: all its windows had closed. */
  static DeadLetter late(SourceRecord source, Instant eventTime, Instant watermark, String why) {
    return of(
        source,
        DeadLetterReason.LATE,
        why,
        List.of(
            text(DeadLetterHeaders.EVENT_TIME, eventTime.toString()),
            text(DeadLetterHeaders.WATERMARK, watermark.toString())));
  }

  private static DeadLetter of(
      SourceRecord source, DeadLetterReason reason, String message, List<Header> extra) {
    List<Header> headers = new ArrayList<>(source.headers());
    headers.add(text(DeadLetterHeaders.ERROR_CLASS, reason.name()));
    headers.add(text(DeadLetterHeaders.ERROR_MESSAGE, message));
    headers.add(text(DeadLetterHeaders.SOURCE_TOPIC, source.topic()));
    headers.add(text(DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(source.partition())));
    headers.add(text(DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(source.offset())));
    headers.addAll(extra);
    return new DeadLetter(source.key(), source.value(), List.copyOf(headers));
  }

  private static Header text(String key, String value) {
    return new Header(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
