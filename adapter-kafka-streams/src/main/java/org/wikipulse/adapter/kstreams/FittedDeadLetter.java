package org.wikipulse.adapter.kstreams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.topics.DeadLetterLimit;

/**
 * A dead letter as it is written: the original key, value and headers with wikipulse's headers, or,
 * when that is over the dead-letter limit, without what {@link DeadLetterLimit#fit} leaves out
 * (null in place of the key or value), saying so in {@link DeadLetterHeaders#OMITTED}.
 */
record FittedDeadLetter(byte[] key, byte[] value, Headers headers) {

  /**
   * @param headers the original headers and wikipulse's (named with {@link
   *     DeadLetterHeaders#PREFIX}), in the order they are written
   */
  static FittedDeadLetter of(byte[] key, byte[] value, Headers headers, DeadLetterLimit limit) {
    long original = 0;
    long added = 0;
    for (Header header : headers) {
      long size = sizeOf(header);
      if (header.key().startsWith(DeadLetterHeaders.PREFIX)) {
        added += size;
      } else {
        original += size;
      }
    }
    DeadLetterLimit.Omission omission =
        limit.fit(lengthOf(key), lengthOf(value), original, added + omittedHeaderAllowance());
    if (!omission.any()) {
      return new FittedDeadLetter(key, value, headers);
    }
    Headers kept = new RecordHeaders();
    for (Header header : headers) {
      if (!omission.originalHeaders() || header.key().startsWith(DeadLetterHeaders.PREFIX)) {
        kept.add(header);
      }
    }
    kept.add(DeadLetterHeaders.OMITTED, omission.describe().getBytes(StandardCharsets.UTF_8));
    return new FittedDeadLetter(omission.key() ? null : key, null, kept);
  }

  /** Room for the {@link DeadLetterHeaders#OMITTED} header itself, should it be needed. */
  private static long omittedHeaderAllowance() {
    return DeadLetterHeaders.OMITTED.length() + 256;
  }

  private static long sizeOf(Header header) {
    return header.key().getBytes(StandardCharsets.UTF_8).length + lengthOf(header.value());
  }

  private static long lengthOf(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}
