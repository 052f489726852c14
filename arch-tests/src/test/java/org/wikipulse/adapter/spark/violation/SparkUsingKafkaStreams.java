package org.wikipulse.adapter.spark.violation;

/** Deliberately bad: the Spark adapter building a Kafka Streams topology. */
public class SparkUsingKafkaStreams {
  public Object topology() {
    return new org.apache.kafka.streams.Topology();
  }
}
