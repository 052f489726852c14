package org.wikipulse.topics;

/**
 * An existing topic whose setting differs from what wikipulse needs of it. wikipulse does not
 * change settings of a topic it did not create: the operator decides.
 *
 * @param topic the topic
 * @param setting the topic config, by Kafka's name
 * @param found its value on the broker
 * @param wanted the value wikipulse would have created it with (the least it needs, for a size
 *     limit)
 */
public record SettingConflict(String topic, String setting, String found, String wanted) {

  /** One line for the log. */
  public String describe() {
    return "Topic '"
        + topic
        + "' has "
        + setting
        + "="
        + found
        + " but wikipulse needs "
        + setting
        + (TopicPlan.isMinimum(setting) ? " of at least " : "=")
        + wanted
        + "; it leaves existing topics as they are, change it with kafka-configs.sh --alter";
  }
}
