package org.wikipulse.domain;

/**
 * The rules that decide what is counted and under which actor. Every runtime calls these; none
 * re-implements them.
 */
public final class EditRules {
  /** The change type that the analysis counts. */
  public static final String EDIT_TYPE = "edit";

  /** The {@code meta.domain} of Wikimedia's synthetic heartbeat events. */
  public static final String CANARY_DOMAIN = "canary";

  private EditRules() {}

  /** Whether the event is counted: an edit that is not a canary. */
  public static boolean isCounted(EditEvent event) {
    return isCounted(event.type(), event.metaDomain());
  }

  /** The same rule on raw fields, for runtimes that filter columns rather than objects. */
  public static boolean isCounted(String type, String metaDomain) {
    return EDIT_TYPE.equals(type) && !CANARY_DOMAIN.equals(metaDomain);
  }

  /** Who made the event. */
  public static Actor actorOf(EditEvent event) {
    return Actor.fromBotFlag(event.bot());
  }
}
