package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.testkit.HostileFrames;
import org.wikipulse.testkit.InMemorySchemaRegistry;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * The decoder on hostile frames, many of them and fast, in this JVM: a mutation a runtime cannot
 * survive shows up here first, with the seed that reproduces it.
 */
class HostileFramesDecoderTest {
  private static final long SEED = Long.getLong("wikipulse.fuzz.seed", 20261201L);
  private static final int FRAMES = 40_000;

  /**
   * Purpose: no frame, however mangled, makes the decoder throw or allocate what the frame claims.
   * Input: {@value #FRAMES} mutations (every kind) of generated events written under RecentChange
   * v1 and v2, from a printed seed. Pass: each decode returns an event or a rejection; a mutation
   * whose reason is certain gets that reason; every kind occurred.
   */
  @Test
  void everyHostileFrameDecodesOrIsRejectedWithItsReason() {
    System.out.println("HostileFramesDecoderTest seed " + SEED);
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    HostileFrames frames =
        new HostileFrames(
            SEED,
            new HostileFrames.SchemaIds(
                999_999,
                registry.register("not-a-record-value", "\"string\""),
                registry.register(
                    "unrelated-value",
                    "{\"type\":\"record\",\"name\":\"Unrelated\",\"fields\":"
                        + "[{\"name\":\"x\",\"type\":\"long\"}]}")),
            64 * 1024);
    RecentChangeWriter v1 = new RecentChangeWriter(registry, "rc-value", AvroSchemas.RECENT_CHANGE);
    RecentChangeWriter v2 =
        new RecentChangeWriter(registry, "rc-value", AvroSchemas.RECENT_CHANGE_V2);
    RecentChangeGenerator generator =
        new RecentChangeGenerator(
            AvroSchemas.RECENT_CHANGE,
            SEED,
            Instant.parse("2024-04-26T00:00:00Z"),
            50,
            Duration.ofSeconds(10));
    ConfluentEditEventDecoder decoder = new ConfluentEditEventDecoder(registry);
    Map<HostileFrames.Mutation, Integer> seen = new EnumMap<>(HostileFrames.Mutation.class);

    for (int i = 0; i < FRAMES; i++) {
      GenericRecord event = generator.next();
      byte[] good = (i % 2 == 0 ? v1 : v2).write(event);
      HostileFrames.Frame frame = frames.mutate(good, ("rc-" + i).getBytes(StandardCharsets.UTF_8));
      seen.merge(frame.mutation(), 1, Integer::sum);
      DecodeResult result = decodeOrFail(decoder, frame, i);
      String what = "frame " + i + " (" + frame.mutation() + "), seed " + SEED;
      frame
          .mutation()
          .certainReason()
          .ifPresent(
              reason ->
                  assertThat(result)
                      .as(what)
                      .isInstanceOfSatisfying(
                          DecodeResult.Rejected.class,
                          rejected -> assertThat(rejected.reason()).isEqualTo(reason)));
      assertTheFullReaderAgrees(registry, frame, result, what);
      if (frame.mutation() == HostileFrames.Mutation.HUGE_KEY) {
        assertThat(result)
            .as("frame %d: a huge key, a good value", i)
            .isInstanceOf(DecodeResult.Decoded.class);
      }
    }
    assertThat(seen).hasSize(HostileFrames.Mutation.values().length);
  }

  /**
   * {@code wikipulse consume} reads a frame with its whole writer schema ({@link
   * BoundedAvroReader}): a frame the pipeline counts, consume must read, and a body the pipeline
   * finds malformed under a recentchange writer schema, consume must reject too.
   */
  private static void assertTheFullReaderAgrees(
      InMemorySchemaRegistry registry,
      HostileFrames.Frame frame,
      DecodeResult result,
      String what) {
    boolean decoded = result instanceof DecodeResult.Decoded;
    boolean malformed =
        result instanceof DecodeResult.Rejected rejected
            && rejected.reason() == DeadLetterReason.UNDECODABLE_AVRO;
    if (!decoded && !malformed) {
      return;
    }
    WireFormat.Framed framed = WireFormat.unframe(frame.value());
    BoundedAvroReader reader =
        new BoundedAvroReader(AvroSchemas.parse(registry.schemaById(framed.schemaId())));
    boolean readable;
    try {
      reader.read(framed.value(), framed.bodyOffset(), framed.bodyLength());
      readable = true;
    } catch (IllegalArgumentException e) {
      readable = false;
    }
    assertThat(readable).as(what + ": the full reader agrees with " + result).isEqualTo(decoded);
  }

  private static DecodeResult decodeOrFail(
      ConfluentEditEventDecoder decoder, HostileFrames.Frame frame, int i) {
    try {
      return decoder.decode(frame.value());
    } catch (RuntimeException | OutOfMemoryError e) {
      throw new AssertionError(
          "Frame " + i + " (" + frame.mutation() + ", seed " + SEED + ") made the decoder throw",
          e);
    }
  }
}
