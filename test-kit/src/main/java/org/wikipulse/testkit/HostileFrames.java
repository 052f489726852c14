package org.wikipulse.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.wikipulse.ports.DeadLetterReason;

/**
 * Hostile variants of good Confluent wire-format frames (magic byte 0, 4-byte schema id, Avro
 * body), for fuzz tests: bit flips, truncation, length fields rewritten with random values, wrong
 * magic bytes, unknown and deleted schema ids, ids of non-record and unrelated schemas, empty and
 * null values, random bodies and huge keys. One seed gives the same frames in the same order, so a
 * failure is reproduced by its seed.
 */
public final class HostileFrames {

  /** How a frame was made hostile. */
  public enum Mutation {
    /** One to eight bits flipped anywhere in the frame. */
    BIT_FLIPS(null),
    /** Cut inside the Avro body. */
    TRUNCATED_BODY(DeadLetterReason.UNDECODABLE_AVRO),
    /** Cut inside the 5-byte header. */
    TRUNCATED_HEADER(DeadLetterReason.TRUNCATED_HEADER),
    /** A varint of a random large or negative value written over the body at a random place. */
    RANDOM_LENGTH(null),
    /** The magic byte not 0. */
    WRONG_MAGIC_BYTE(DeadLetterReason.BAD_MAGIC_BYTE),
    /** An id no registry has handed out: very large or negative. */
    UNKNOWN_SCHEMA_ID(DeadLetterReason.UNKNOWN_SCHEMA_ID),
    /** The id of a schema deleted from the registry (it may still be served by id). */
    DELETED_SCHEMA_ID(null),
    /** The id of a schema that is not a record. */
    NON_RECORD_SCHEMA_ID(DeadLetterReason.INCOMPATIBLE_SCHEMA),
    /** The id of a record schema that has nothing to do with recentchange. */
    UNRELATED_SCHEMA_ID(null),
    /** A value of no bytes. */
    EMPTY_VALUE(DeadLetterReason.EMPTY_VALUE),
    /** A null value (a tombstone). */
    NULL_VALUE(DeadLetterReason.EMPTY_VALUE),
    /** The good header, then random bytes. */
    RANDOM_BODY(null),
    /** The good value under a key of up to the configured size: decodable, to be counted. */
    HUGE_KEY(null),
    /** A key of up to the configured size and a wrong magic byte: a large dead letter. */
    HUGE_KEY_WRONG_MAGIC_BYTE(DeadLetterReason.BAD_MAGIC_BYTE);

    private final DeadLetterReason certainReason;

    Mutation(DeadLetterReason certainReason) {
      this.certainReason = certainReason;
    }

    /** The reason any correct decoder gives, when the mutation alone decides it. */
    public Optional<DeadLetterReason> certainReason() {
      return Optional.ofNullable(certainReason);
    }
  }

  /**
   * Registered ids the mutations point frames at.
   *
   * @param deleted a schema that was registered and then deleted
   * @param nonRecord a schema that is not a record (such as {@code "string"})
   * @param unrelated a record schema with none of recentchange's fields
   */
  public record SchemaIds(int deleted, int nonRecord, int unrelated) {}

  /** A hostile record: its key and value, and how it was made. */
  public record Frame(Mutation mutation, byte[] key, byte[] value) {}

  private static final int HEADER = 5;

  private final Random random;
  private final SchemaIds ids;
  private final int maxKeyBytes;

  /**
   * @param seed print it with the test's output: the same seed gives the same frames
   * @param maxKeyBytes the largest {@link Mutation#HUGE_KEY} key, which is at least half of it
   */
  public HostileFrames(long seed, SchemaIds ids, int maxKeyBytes) {
    this.random = new Random(seed);
    this.ids = ids;
    this.maxKeyBytes = maxKeyBytes;
  }

  /** A random mutation of a good frame, every mutation equally likely. */
  public Frame mutate(byte[] good, byte[] goodKey) {
    Mutation[] all = Mutation.values();
    return mutate(all[random.nextInt(all.length)], good, goodKey);
  }

  /** The given mutation of a good frame (at least a header and one body byte). */
  public Frame mutate(Mutation mutation, byte[] good, byte[] goodKey) {
    if (good.length <= HEADER) {
      throw new IllegalArgumentException("A good frame has a header and a body");
    }
    byte[] value =
        switch (mutation) {
          case BIT_FLIPS -> flipBits(good);
          case TRUNCATED_BODY -> Arrays.copyOf(good, HEADER + random.nextInt(good.length - HEADER));
          case TRUNCATED_HEADER -> Arrays.copyOf(good, 1 + random.nextInt(HEADER - 1));
          case RANDOM_LENGTH -> randomLength(good);
          case WRONG_MAGIC_BYTE -> withMagic(good, (byte) (1 + random.nextInt(255)));
          case UNKNOWN_SCHEMA_ID -> withId(good, unknownId());
          case DELETED_SCHEMA_ID -> withId(good, ids.deleted());
          case NON_RECORD_SCHEMA_ID -> withId(good, ids.nonRecord());
          case UNRELATED_SCHEMA_ID -> withId(good, ids.unrelated());
          case EMPTY_VALUE -> new byte[0];
          case NULL_VALUE -> null;
          case RANDOM_BODY -> randomBody(good);
          case HUGE_KEY -> good.clone();
          case HUGE_KEY_WRONG_MAGIC_BYTE -> withMagic(good, (byte) (1 + random.nextInt(255)));
        };
    byte[] key =
        mutation == Mutation.HUGE_KEY || mutation == Mutation.HUGE_KEY_WRONG_MAGIC_BYTE
            ? hugeKey()
            : goodKey;
    return new Frame(mutation, key, value);
  }

  private byte[] flipBits(byte[] good) {
    byte[] value = good.clone();
    int flips = Math.min(1 + random.nextInt(8), value.length * 8);
    java.util.BitSet flipped = new java.util.BitSet();
    while (flipped.cardinality() < flips) {
      flipped.set(random.nextInt(value.length * 8));
    }
    flipped.stream().forEach(bit -> value[bit / 8] ^= (byte) (1 << (bit % 8)));
    return value;
  }

  /**
   * A zigzag varint of a large positive or negative int or long, as Avro writes lengths, counts and
   * numbers, written over the body from a random byte on.
   */
  private byte[] randomLength(byte[] good) {
    long length =
        switch (random.nextInt(4)) {
          case 0 -> (1L << 20) + random.nextInt(1 << 30);
          case 1 -> Integer.MAX_VALUE - random.nextInt(16);
          case 2 -> -1L - random.nextInt(1 << 30);
          default -> random.nextLong();
        };
    ByteArrayOutputStream varint = new ByteArrayOutputStream();
    long zigzag = (length << 1) ^ (length >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      varint.write((int) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    varint.write((int) zigzag);
    byte[] bytes = varint.toByteArray();
    int at = HEADER + random.nextInt(good.length - HEADER);
    byte[] value = Arrays.copyOf(good, Math.max(good.length, at + bytes.length));
    System.arraycopy(bytes, 0, value, at, bytes.length);
    return value;
  }

  private static byte[] withMagic(byte[] good, byte magic) {
    byte[] value = good.clone();
    value[0] = magic;
    return value;
  }

  private static byte[] withId(byte[] good, int id) {
    byte[] value = good.clone();
    ByteBuffer.wrap(value).putInt(1, id);
    return value;
  }

  private int unknownId() {
    return random.nextBoolean()
        ? 1_000_000_000 + random.nextInt(Integer.MAX_VALUE - 1_000_000_000)
        : -1 - random.nextInt(Integer.MAX_VALUE);
  }

  private byte[] randomBody(byte[] good) {
    byte[] body = new byte[random.nextInt(256)];
    random.nextBytes(body);
    byte[] value = Arrays.copyOf(good, HEADER + body.length);
    System.arraycopy(body, 0, value, HEADER, body.length);
    return value;
  }

  private byte[] hugeKey() {
    byte[] key = new byte[maxKeyBytes / 2 + random.nextInt(maxKeyBytes / 2 + 1)];
    random.nextBytes(key);
    return key;
  }
}
