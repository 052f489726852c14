package org.wikipulse.ports;

/**
 * Where the output goes.
 *
 * @param bootstrapServers the Kafka bootstrap servers, host:port[,host:port]
 * @param topic the output topic, one {@code EditCount} record per finished (window, actor)
 * @param deadLetterTopic where records that cannot be processed go, with the reason in headers
 * @param valueSubject the registry subject of the output value schema
 */
public record KafkaSink(
    String bootstrapServers, String topic, String deadLetterTopic, String valueSubject) {

  public KafkaSink {
    KafkaSource.requireText("bootstrapServers", bootstrapServers);
    KafkaSource.requireText("topic", topic);
    KafkaSource.requireText("deadLetterTopic", deadLetterTopic);
    KafkaSource.requireText("valueSubject", valueSubject);
    if (topic.equals(deadLetterTopic)) {
      throw new IllegalArgumentException("The dead-letter topic must differ from the output topic");
    }
  }
}
