package org.wikipulse.topics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The largest dead letter that can be written, and what to leave out of one that is larger. A
 * record the broker or the producer refuses for its size would fail the write again and again
 * (Kafka Streams would replace its thread, Spark retry its batch, forever): a dead letter over the
 * limit is written without its value (then its key, then its original headers) and says so in
 * {@code wikipulse.omitted}, while the record itself stays in the input at its source offset.
 *
 * @param maxRecordBytes the dead-letter topic's {@code max.message.bytes}, or the producer's {@code
 *     max.request.size} if that is set and smaller
 */
public record DeadLetterLimit(long maxRecordBytes) {
  /** The record batch header (61 bytes) and a record's length fields, with room to spare. */
  static final int RECORD_MARGIN_BYTES = 4096;

  public DeadLetterLimit {
    if (maxRecordBytes <= RECORD_MARGIN_BYTES) {
      throw new IllegalArgumentException(
          "A dead-letter limit of " + maxRecordBytes + " bytes leaves no room for a record");
    }
  }

  /**
   * The limit of {@code deadLetterTopic}, which must exist, for a producer with {@code
   * producerProperties} (Kafka's names; a {@code max.request.size} there is the user's and is
   * kept).
   */
  public static DeadLetterLimit of(
      TopicSetup topics, String deadLetterTopic, Map<String, ?> producerProperties) {
    long topicLimit = topics.maxMessageBytes(deadLetterTopic);
    Object requestSize = producerProperties.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    return new DeadLetterLimit(
        requestSize == null
            ? topicLimit
            : Math.min(topicLimit, Long.parseLong(requestSize.toString().trim())));
  }

  /**
   * The producer's {@code max.request.size} that lets a dead letter of this limit through; Kafka's
   * default (1 MiB) would refuse one that the topic takes.
   */
  public String producerMaxRequestSize() {
    return Long.toString(maxRecordBytes);
  }

  /** A dead letter as it is written: {@link #fitted}'s answer. */
  public record Fitted(byte[] key, byte[] value, Headers headers) {}

  /**
   * A dead letter of {@code key}, {@code value} and {@code headers} as it is written: unchanged,
   * or, when that is over this limit, without what {@link #fit} leaves out (null in place of the
   * key or value, the original headers dropped) and with a header {@code omittedHeader} saying so.
   *
   * @param headers the original headers and the writer's own (the names starting with {@code
   *     ownHeaderPrefix}), in the order they are written
   */
  public Fitted fitted(
      byte[] key, byte[] value, Headers headers, String ownHeaderPrefix, String omittedHeader) {
    long original = 0;
    long added = 0;
    for (Header header : headers) {
      long size = header.key().getBytes(StandardCharsets.UTF_8).length + lengthOf(header.value());
      if (header.key().startsWith(ownHeaderPrefix)) {
        added += size;
      } else {
        original += size;
      }
    }
    // Room for the omitted header itself, should it be needed.
    long omittedHeaderAllowance = omittedHeader.length() + 256;
    Omission omission =
        fit(lengthOf(key), lengthOf(value), original, added + omittedHeaderAllowance);
    if (!omission.any()) {
      return new Fitted(key, value, headers);
    }
    Headers kept = new RecordHeaders();
    for (Header header : headers) {
      if (!omission.originalHeaders() || header.key().startsWith(ownHeaderPrefix)) {
        kept.add(header);
      }
    }
    kept.add(omittedHeader, omission.describe().getBytes(StandardCharsets.UTF_8));
    return new Fitted(omission.key() ? null : key, null, kept);
  }

  private static long lengthOf(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  /**
   * What of a dead letter to leave out so that it fits.
   *
   * @param keyBytes the original key's length (0 for none)
   * @param valueBytes the original value's length (0 for none)
   * @param originalHeaderBytes the original headers' names and values, in bytes
   * @param deadLetterHeaderBytes the names and values of the headers wikipulse adds, in bytes
   */
  public Omission fit(
      long keyBytes, long valueBytes, long originalHeaderBytes, long deadLetterHeaderBytes) {
    long room = maxRecordBytes - RECORD_MARGIN_BYTES - deadLetterHeaderBytes;
    boolean value = keyBytes + valueBytes + originalHeaderBytes > room;
    boolean key = value && keyBytes + originalHeaderBytes > room;
    boolean headers = key && originalHeaderBytes > room;
    return new Omission(
        value ? valueBytes : -1, key ? keyBytes : -1, headers ? originalHeaderBytes : -1, this);
  }

  /**
   * What a dead letter leaves out; a part's size is -1 when it is kept.
   *
   * @param valueBytes the size of the value left out
   * @param keyBytes the size of the key left out
   * @param originalHeaderBytes the size of the original headers left out
   * @param limit the limit that made it necessary
   */
  public record Omission(
      long valueBytes, long keyBytes, long originalHeaderBytes, DeadLetterLimit limit) {
    public boolean value() {
      return valueBytes >= 0;
    }

    public boolean key() {
      return keyBytes >= 0;
    }

    public boolean originalHeaders() {
      return originalHeaderBytes >= 0;
    }

    /** Whether anything is left out. */
    public boolean any() {
      return value();
    }

    /**
     * The text of the {@code wikipulse.omitted} header, such as {@code value (2500000 bytes): over
     * the dead-letter limit of 2000000 bytes; the record is at its source offset}.
     */
    public String describe() {
      List<String> parts = new ArrayList<>();
      if (value()) {
        parts.add("value (" + valueBytes + " bytes)");
      }
      if (key()) {
        parts.add("key (" + keyBytes + " bytes)");
      }
      if (originalHeaders()) {
        parts.add("original headers (" + originalHeaderBytes + " bytes)");
      }
      return String.join(", ", parts)
          + ": over the dead-letter limit of "
          + limit.maxRecordBytes()
          + " bytes; the record is at its source offset";
    }
  }
}
