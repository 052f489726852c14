package org.wikipulse.adapter.kstreams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.wikipulse.adapter.kstreams.MergerMessage.LateCandidate;
import org.wikipulse.adapter.kstreams.MergerMessage.OriginalRecord;
import org.wikipulse.adapter.kstreams.MergerMessage.PartialCount;
import org.wikipulse.adapter.kstreams.MergerMessage.SourceIdle;
import org.wikipulse.adapter.kstreams.MergerMessage.SourceWatermark;

/**
 * A fixed-layout binary form of {@link MergerMessage}: a tag byte, the source, then the fields.
 * These messages only travel through the pipeline's own repartition topic, so a schema registry
 * would add cost and nothing else.
 */
final class MergerMessageSerde implements Serde<MergerMessage> {
  private static final byte PARTIAL_COUNT = 1;
  private static final byte LATE_CANDIDATE = 2;
  private static final byte SOURCE_WATERMARK = 3;
  private static final byte SOURCE_IDLE = 4;
  private static final int ACTORS = 3;

  @Override
  public Serializer<MergerMessage> serializer() {
    return (topic, message) -> message == null ? null : write(message);
  }

  @Override
  public Deserializer<MergerMessage> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(MergerMessage message) {
    if (message instanceof PartialCount p) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + 8 + 8 * ACTORS + 8);
      buffer.put(PARTIAL_COUNT).putInt(p.source()).putLong(p.windowStartMs());
      for (int actor = 0; actor < ACTORS; actor++) {
        buffer.putLong(p.countsByActor()[actor]);
      }
      return buffer.putLong(p.newestWindowEvents()).array();
    }
    if (message instanceof LateCandidate c) {
      OriginalRecord original = c.original();
      int originalLength =
          original == null ? 0 : 4 + length(original.key()) + 4 + length(original.value());
      ByteBuffer buffer =
          ByteBuffer.allocate(1 + 4 + 8 + 1 + 8 + originalLength)
              .put(LATE_CANDIDATE)
              .putInt(c.source())
              .putLong(c.eventTimeMs())
              .put((byte) c.actorOrdinal())
              .putLong(c.sourceWatermarkMs());
      if (original != null) {
        putBytes(buffer, original.key());
        putBytes(buffer, original.value());
      }
      return buffer.array();
    }
    if (message instanceof SourceWatermark w) {
      return ByteBuffer.allocate(1 + 4 + 8)
          .put(SOURCE_WATERMARK)
          .putInt(w.source())
          .putLong(w.watermarkMs())
          .array();
    }
    SourceIdle idle = (SourceIdle) message;
    return ByteBuffer.allocate(1 + 4).put(SOURCE_IDLE).putInt(idle.source()).array();
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  /** A length (-1 for null) and the bytes. */
  private static void putBytes(ByteBuffer buffer, byte[] bytes) {
    if (bytes == null) {
      buffer.putInt(-1);
    } else {
      buffer.putInt(bytes.length).put(bytes);
    }
  }

  private static byte[] getBytes(ByteBuffer buffer) {
    int length = buffer.getInt();
    if (length < -1 || length > buffer.remaining()) {
      throw new SerializationException("Merger message with a bad byte-array length " + length);
    }
    if (length == -1) {
      return null;
    }
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }

  static MergerMessage read(byte[] bytes) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      byte tag = buffer.get();
      int source = buffer.getInt();
      switch (tag) {
        case PARTIAL_COUNT -> {
          long windowStartMs = buffer.getLong();
          long[] counts = new long[ACTORS];
          for (int actor = 0; actor < ACTORS; actor++) {
            counts[actor] = buffer.getLong();
          }
          return new PartialCount(source, windowStartMs, counts, buffer.getLong());
        }
        case LATE_CANDIDATE -> {
          long eventTimeMs = buffer.getLong();
          byte actor = buffer.get();
          long sourceWatermarkMs = buffer.getLong();
          // Written without the original record when late events are only counted.
          OriginalRecord original =
              buffer.hasRemaining() ? new OriginalRecord(getBytes(buffer), getBytes(buffer)) : null;
          return new LateCandidate(source, eventTimeMs, actor, sourceWatermarkMs, original);
        }
        case SOURCE_WATERMARK -> {
          return new SourceWatermark(source, buffer.getLong());
        }
        case SOURCE_IDLE -> {
          return new SourceIdle(source);
        }
        default -> throw new SerializationException("Unknown merger message tag " + tag);
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new SerializationException("Truncated merger message of " + bytes.length + " bytes", e);
    }
  }
}
