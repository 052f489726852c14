package org.wikipulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostileFramesTest {
  private static final HostileFrames.SchemaIds IDS = new HostileFrames.SchemaIds(11, 12, 13);
  private static final byte[] GOOD = {0, 0, 0, 0, 1, 2, 20, 104, 101, 108, 108, 111, 6, 7};
  private static final byte[] KEY = {'k'};

  /**
   * Purpose: a seed reproduces a run. Input: 2,000 mutations from one seed, twice, and from another
   * seed. Pass: the same seed gives the same frames; another gives others; every mutation occurs.
   */
  @Test
  void theSameSeedGivesTheSameFrames() {
    List<String> first = draw(42);
    assertThat(draw(42)).isEqualTo(first);
    assertThat(draw(43)).isNotEqualTo(first);
    Set<HostileFrames.Mutation> kinds = EnumSet.noneOf(HostileFrames.Mutation.class);
    HostileFrames frames = new HostileFrames(42, IDS, 1024);
    for (int i = 0; i < 2_000; i++) {
      kinds.add(frames.mutate(GOOD, KEY).mutation());
    }
    assertThat(kinds).containsExactlyInAnyOrder(HostileFrames.Mutation.values());
  }

  /**
   * Purpose: each mutation does what its name says. Input: each mutation of one good frame. Pass:
   * the header kinds change only the header, truncations are shorter, a huge key is at least half
   * the maximum, empty and null are so.
   */
  @Test
  void eachMutationDoesWhatItSays() {
    HostileFrames frames = new HostileFrames(7, IDS, 1024);
    assertThat(frames.mutate(HostileFrames.Mutation.WRONG_MAGIC_BYTE, GOOD, KEY).value()[0])
        .isNotZero();
    assertThat(frames.mutate(HostileFrames.Mutation.NON_RECORD_SCHEMA_ID, GOOD, KEY).value())
        .startsWith(0, 0, 0, 0, 12);
    assertThat(frames.mutate(HostileFrames.Mutation.DELETED_SCHEMA_ID, GOOD, KEY).value())
        .startsWith(0, 0, 0, 0, 11);
    assertThat(frames.mutate(HostileFrames.Mutation.TRUNCATED_HEADER, GOOD, KEY).value().length)
        .isBetween(1, 4);
    assertThat(frames.mutate(HostileFrames.Mutation.TRUNCATED_BODY, GOOD, KEY).value().length)
        .isBetween(5, GOOD.length - 1);
    assertThat(frames.mutate(HostileFrames.Mutation.EMPTY_VALUE, GOOD, KEY).value()).isEmpty();
    assertThat(frames.mutate(HostileFrames.Mutation.NULL_VALUE, GOOD, KEY).value()).isNull();
    HostileFrames.Frame huge = frames.mutate(HostileFrames.Mutation.HUGE_KEY, GOOD, KEY);
    assertThat(huge.key().length).isBetween(512, 1024);
    assertThat(huge.value()).isEqualTo(GOOD);
    assertThat(frames.mutate(HostileFrames.Mutation.BIT_FLIPS, GOOD, KEY).value())
        .hasSameSizeAs(GOOD)
        .isNotEqualTo(GOOD);
  }

  private static List<String> draw(long seed) {
    HostileFrames frames = new HostileFrames(seed, IDS, 1024);
    List<String> drawn = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      HostileFrames.Frame frame = frames.mutate(GOOD, KEY);
      drawn.add(
          frame.mutation()
              + java.util.Arrays.toString(frame.value())
              + java.util.Arrays.hashCode(frame.key()));
    }
    return drawn;
  }
}
