package org.wikipulse.adapter.kstreams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Gives every input record a usable Kafka Streams timestamp. Event time comes from the decoded
 * value, never from here; this only keeps Kafka Streams from failing on or skipping a record whose
 * producer set no valid timestamp.
 */
final class InputTimestamps implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
  }
}
