package org.wikipulse.adapter.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.topics.DeadLetterLimit;

/**
 * A record that cannot be processed, as it is written to the dead-letter topic: the original key,
 * value and headers, followed by the {@link DeadLetterHeaders}, the layout both runtimes write.
 *
 * @param headers in order: the original ones, then the dead-letter ones
 */
record DeadLetter(byte[] key, byte[] value, List<Header> headers) implements Serializable {

  record Header(String key, byte[] value) implements Serializable {
    boolean isWikipulses() {
      return key.startsWith(DeadLetterHeaders.PREFIX);
    }

    long size() {
      return key.getBytes(StandardCharsets.UTF_8).length + lengthOf(value);
    }
  }

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

  /**
   * This dead letter, or, when it is over {@code limit}, without what {@link DeadLetterLimit#fit}
   * leaves out (null in place of the key or value), saying so in {@link DeadLetterHeaders#OMITTED}.
   */
  DeadLetter fittedTo(DeadLetterLimit limit) {
    long original = 0;
    long added = 0;
    for (Header header : headers) {
      if (header.isWikipulses()) {
        added += header.size();
      } else {
        original += header.size();
      }
    }
    DeadLetterLimit.Omission omission =
        limit.fit(lengthOf(key), lengthOf(value), original, added + OMITTED_HEADER_ALLOWANCE);
    if (!omission.any()) {
      return this;
    }
    List<Header> kept = new ArrayList<>();
    for (Header header : headers) {
      if (!omission.originalHeaders() || header.isWikipulses()) {
        kept.add(header);
      }
    }
    kept.add(text(DeadLetterHeaders.OMITTED, omission.describe()));
    return new DeadLetter(omission.key() ? null : key, null, List.copyOf(kept));
  }

  /** Room for the {@link DeadLetterHeaders#OMITTED} header itself, should it be needed. */
  private static final long OMITTED_HEADER_ALLOWANCE = DeadLetterHeaders.OMITTED.length() + 256;

  private static long lengthOf(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static Header text(String key, String value) {
    return new Header(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
