package org.wikipulse.adapter.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.domain.ReferenceInput;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Turns events into Kafka records of one input topic, numbering offsets per partition, and keeps
 * the decodable ones, in feeding order, as the reference analysis's input.
 */
final class EventFeed {
  static final String SUBJECT = "recentchange-value";

  private final SchemaRegistry registry;
  private final String topic;
  private final Map<Schema, RecentChangeWriter> writers = new HashMap<>();
  private final Map<Integer, Long> nextOffsets = new HashMap<>();
  private final List<ReferenceInput> referenceInputs = new ArrayList<>();

  EventFeed(SchemaRegistry registry, String topic) {
    this.registry = registry;
    this.topic = topic;
  }

  /** An event written under RecentChange version 1, in partition 0. */
  KafkaRecord record(GenericRecord event) {
    return record(0, event, AvroSchemas.RECENT_CHANGE);
  }

  /** An event written under the given writer schema (registered on first use). */
  KafkaRecord record(int partition, GenericRecord event, Schema writerSchema) {
    byte[] value =
        writers
            .computeIfAbsent(writerSchema, s -> new RecentChangeWriter(registry, SUBJECT, s))
            .write(event);
    referenceInputs.add(
        new ReferenceInput.Event(partition, RecentChangeRecords.toEditEvent(event)));
    return raw(partition, value);
  }

  /** A record with any value, which the reference does not see (it is to be dead-lettered). */
  KafkaRecord raw(int partition, byte[] value) {
    long offset = nextOffsets.merge(partition, 1L, Long::sum) - 1;
    return new KafkaRecord(
        ("rc-" + partition + "-" + offset).getBytes(StandardCharsets.UTF_8),
        value,
        topic,
        partition,
        offset,
        List.of(new KafkaRecord.Header("producer", "test".getBytes(StandardCharsets.UTF_8))));
  }

  List<KafkaRecord> records(GenericRecord... events) {
    List<KafkaRecord> records = new ArrayList<>();
    for (GenericRecord event : events) {
      records.add(record(event));
    }
    return records;
  }

  List<ReferenceInput> referenceInputs() {
    return List.copyOf(referenceInputs);
  }

  String topic() {
    return topic;
  }
}
