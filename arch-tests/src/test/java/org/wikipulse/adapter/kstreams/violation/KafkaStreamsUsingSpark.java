package org.wikipulse.adapter.kstreams.violation;

/** Deliberately bad: the Kafka Streams adapter touching Spark. */
public class KafkaStreamsUsingSpark {
  public Class<?> dataset() {
    return org.apache.spark.sql.Dataset.class;
  }
}
