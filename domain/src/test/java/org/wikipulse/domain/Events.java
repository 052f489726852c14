package org.wikipulse.domain;

import java.time.Instant;

/**
 * Builds events for tests: times are seconds after {@link #T}, an instant that is a multiple of 60
 * s.
 */
final class Events {
  static final Instant T = Instant.parse("2023-07-29T07:50:00Z");

  private Events() {}

  static Instant at(long seconds) {
    return T.plusSeconds(seconds);
  }

  static EditEvent edit(long seconds, Boolean bot) {
    return event(seconds, "edit", bot, "en.wikipedia.org");
  }

  static EditEvent canary(long seconds) {
    return event(seconds, "edit", false, EditRules.CANARY_DOMAIN);
  }

  static EditEvent ofType(long seconds, String type) {
    return event(seconds, type, false, "en.wikipedia.org");
  }

  static EditEvent event(long seconds, String type, Boolean bot, String metaDomain) {
    return new EditEvent(
        1_700_000_000_000L + seconds,
        type,
        "enwiki",
        "en.wikipedia.org",
        "Page " + seconds,
        0L,
        "user" + seconds,
        bot,
        false,
        100L,
        120L,
        5_000_000_000L,
        5_000_000_001L,
        at(seconds),
        metaDomain);
  }

  static WindowCount row(long startSeconds, long endSeconds, Actor actor, long count) {
    return new WindowCount(at(startSeconds), at(endSeconds), actor, count);
  }
}
