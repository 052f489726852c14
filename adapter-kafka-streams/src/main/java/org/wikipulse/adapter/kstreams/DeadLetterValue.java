package org.wikipulse.adapter.kstreams;

/**
 * The original value of a record that cannot be processed; its key and headers (original plus the
 * reason) travel on the Kafka Streams record itself.
 *
 * @param value the original value, possibly null
 */
record DeadLetterValue(byte[] value) implements StageOneOutput {}
