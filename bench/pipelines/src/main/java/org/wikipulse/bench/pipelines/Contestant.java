package org.wikipulse.bench.pipelines;

/** The contestants, in the order they run. */
enum Contestant {
  RAW_LIMIT("raw limit (KafkaConsumer loop)", null),
  WIKIPULSE_KAFKA_STREAMS("wikipulse Kafka Streams runtime", "TEXTBOOK_KAFKA_STREAMS"),
  TEXTBOOK_KAFKA_STREAMS("textbook Kafka Streams DSL", null),
  WIKIPULSE_SPARK("wikipulse Spark runtime", "ARTICLE_SPARK"),
  ARTICLE_SPARK("article's Spark query (from_avro)", null);

  private final String label;
  private final String peer;

  Contestant(String label, String peer) {
    this.label = label;
    this.peer = peer;
  }

  String label() {
    return label;
  }

  /** The textbook contestant this one is compared with, or null. */
  Contestant peer() {
    return peer == null ? null : valueOf(peer);
  }
}
