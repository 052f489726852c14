package org.wikipulse.domain;

/**
 * Who made an edit. {@link #UNKNOWN} stands for an event without a {@code bot} flag, so that no
 * runtime ever groups by a null key (Kafka Streams drops null keys, Spark keeps them).
 */
public enum Actor {
  BOT("Bot"),
  HUMAN("Human"),
  UNKNOWN("Unknown");

  private final String label;

  Actor(String label) {
    this.label = label;
  }

  /** The label written to the output's {@code requested_by} field. */
  public String label() {
    return label;
  }

  /** The actor of an event by its {@code bot} flag, which may be absent. */
  public static Actor fromBotFlag(Boolean bot) {
    if (bot == null) {
      return UNKNOWN;
    }
    return bot ? BOT : HUMAN;
  }

  /** The actor named by an output label, as written by {@link #label()}. */
  public static Actor fromLabel(String label) {
    for (Actor actor : values()) {
      if (actor.label.equals(label)) {
        return actor;
      }
    }
    throw new IllegalArgumentException(
        "Unknown actor label '" + label + "': expected Bot, Human or Unknown");
  }
}
