package org.wikipulse.contract;

import java.time.Instant;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.EditRules;

/**
 * Events for contract cases. Times are milliseconds after {@link #T}, an instant aligned to every
 * window spec the suite uses; Wikimedia timestamps are whole seconds, so case times are too.
 */
public final class ContractEvents {
  /** A day boundary: aligned to windows of any size that divides a day. */
  public static final Instant T = Instant.parse("2023-07-29T00:00:00Z");

  private static long nextId = 1_659_529_639L;

  private ContractEvents() {}

  public static Instant at(long seconds) {
    return T.plusSeconds(seconds);
  }

  public static EditEvent edit(long seconds, Boolean bot) {
    return event(seconds, EditRules.EDIT_TYPE, bot, "en.wikipedia.org");
  }

  public static EditEvent canary(long seconds) {
    return event(seconds, EditRules.EDIT_TYPE, false, EditRules.CANARY_DOMAIN);
  }

  public static EditEvent ofType(long seconds, String type) {
    return event(seconds, type, false, "en.wikipedia.org");
  }

  public static synchronized EditEvent event(
      long seconds, String type, Boolean bot, String metaDomain) {
    long id = nextId++;
    return new EditEvent(
        id,
        type,
        "enwiki",
        "en.wikipedia.org",
        "Page " + id,
        0L,
        bot == null ? "Someone" : bot ? "ClueBot NG" : "Editor" + (id % 97),
        bot,
        false,
        9_000L + id % 1000,
        9_100L + id % 1000,
        1_166_824_248L + id,
        1_167_689_309L + id,
        at(seconds),
        metaDomain);
  }
}
