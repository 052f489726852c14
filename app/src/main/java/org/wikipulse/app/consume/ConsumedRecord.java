package org.wikipulse.app.consume;

import java.time.Instant;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * One record read from a topic, its value decoded with the writer schema its header names.
 *
 * @param partition the partition
 * @param offset the offset
 * @param timestamp the record timestamp
 * @param key the key as UTF-8 text, or null
 * @param headers the headers as UTF-8 text, in order
 * @param schemaId the writer schema id, or null when the value is not in the wire format
 * @param value the decoded value, or null when it cannot be decoded
 * @param error why the value cannot be decoded, or null
 */
public record ConsumedRecord(
    int partition,
    long offset,
    Instant timestamp,
    String key,
    Map<String, String> headers,
    Integer schemaId,
    GenericRecord value,
    String error) {}
