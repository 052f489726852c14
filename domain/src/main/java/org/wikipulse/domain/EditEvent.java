package org.wikipulse.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The fields of a Wikimedia recentchange event that the analysis and its users need.
 *
 * <p>Ids and revisions are 64-bit: real rcids already exceed 2^31. Optional fields of the source
 * are boxed and may be null; {@code bot} is null when the flag is absent.
 *
 * @param id the recentchange id (rcid), null for events without one
 * @param type the change type: edit, new, log, categorize, external
 * @param wiki the wiki id, such as enwiki
 * @param serverName the wiki's server name, such as en.wikipedia.org
 * @param title the full page name
 * @param namespace the page namespace, null when absent
 * @param user the user name or IP address
 * @param bot the bot flag, null when absent
 * @param minor the minor-edit flag, null when absent
 * @param oldLength the page length before the change, null when absent
 * @param newLength the page length after the change, null when absent
 * @param oldRevision the revision before the change, null when absent
 * @param newRevision the revision after the change, null when absent
 * @param eventTime the event time, from the event's unix-seconds {@code timestamp}
 * @param metaDomain the {@code meta.domain} field; {@code canary} marks synthetic heartbeat events
 */
public record EditEvent(
    Long id,
    String type,
    String wiki,
    String serverName,
    String title,
    Long namespace,
    String user,
    Boolean bot,
    Boolean minor,
    Long oldLength,
    Long newLength,
    Long oldRevision,
    Long newRevision,
    Instant eventTime,
    String metaDomain) {

  public EditEvent {
    Objects.requireNonNull(eventTime, "eventTime");
  }

  /** The event time from the unix-seconds {@code timestamp} field of a recentchange event. */
  public static Instant eventTimeOf(long unixSeconds) {
    return Instant.ofEpochSecond(unixSeconds);
  }
}
