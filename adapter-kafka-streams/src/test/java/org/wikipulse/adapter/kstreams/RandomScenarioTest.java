package org.wikipulse.adapter.kstreams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random scenarios against the reference: several partitions that advance at their own pace,
 * events out of order within and beyond the lateness, partitions that fall silent long enough to go
 * idle and then come back. The test knows the idle rule only as the spec states it (no record for
 * the idle timeout of wall-clock time, checked once per second) and tells the reference which
 * partitions that makes idle.
 */
class RandomScenarioTest {
  private static final long TIMEOUT_MS = TopologyFixture.IDLE_TIMEOUT.toMillis();

  @Test
  void randomScenariosGiveTheReferenceRowsAndCounters() {
    for (int seed = 1; seed <= 40; seed++) {
      runScenario(seed);
    }
  }

  private static void runScenario(long seed) {
    Random random = new Random(seed);
    int partitions = 1 + random.nextInt(3);
    try (TopologyFixture fixture = new TopologyFixture(partitions)) {
      long[] clock = new long[partitions];
      long[] lastRecordMs = new long[partitions];
      boolean[] idle = new boolean[partitions];
      Arrays.fill(lastRecordMs, Long.MIN_VALUE);
      long wallMs = 0;
      for (int step = 0; step < 600; step++) {
        if (random.nextInt(40) == 0) {
          long advance = 1000 + random.nextInt(12) * 1000L;
          wallMs += advance;
          List<Integer> goingIdle = new ArrayList<>();
          for (int p = 0; p < partitions; p++) {
            if (lastRecordMs[p] == Long.MIN_VALUE) {
              lastRecordMs[p] = wallMs;
            }
            if (!idle[p] && wallMs - lastRecordMs[p] >= TIMEOUT_MS) {
              idle[p] = true;
              goingIdle.add(p);
            }
          }
          fixture.advanceWallClock(
              Duration.ofMillis(advance), goingIdle.stream().mapToInt(Integer::intValue).toArray());
          continue;
        }
        // Partitions are busy at different rates, so some run far ahead of others.
        int p = random.nextInt(partitions * (partitions + 1) / 2 + 1) % partitions;
        clock[p] += random.nextInt(8);
        long late = random.nextInt(10) == 0 ? random.nextInt(150) : random.nextInt(40);
        long seconds = clock[p] - late;
        int kind = random.nextInt(20);
        if (kind == 0) {
          fixture.send(p, Events.canary(seconds));
        } else if (kind == 1) {
          fixture.send(p, Events.event("log", seconds, false, "en.wikipedia.org"));
        } else {
          Boolean bot = kind == 2 ? null : random.nextInt(4) == 0;
          fixture.send(p, Events.edit(seconds, bot));
        }
        lastRecordMs[p] = wallMs;
        idle[p] = false;
      }
      fixture.closeAllWindows();
      try {
        AnalysisTopologyTest.assertMatchesReference(fixture);
      } catch (AssertionError e) {
        throw new AssertionError("Scenario with seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }
}
