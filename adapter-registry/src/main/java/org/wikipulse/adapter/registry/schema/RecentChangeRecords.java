package org.wikipulse.adapter.registry.schema;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.domain.EditEvent;

/** Reads the analysis's fields out of a RecentChange record of any schema version. */
public final class RecentChangeRecords {
  private RecentChangeRecords() {}

  /**
   * The edit event of a RecentChange record, reading fields by name so that any version of the
   * schema works.
   *
   * @throws IllegalArgumentException if the record has no timestamp
   */
  public static EditEvent toEditEvent(GenericRecord record) {
    Long timestamp = (Long) field(record, "timestamp");
    if (timestamp == null) {
      throw new IllegalArgumentException("The recentchange event has no timestamp");
    }
    GenericRecord length = (GenericRecord) field(record, "length");
    GenericRecord revision = (GenericRecord) field(record, "revision");
    GenericRecord meta = (GenericRecord) field(record, "meta");
    return new EditEvent(
        (Long) field(record, "id"),
        text(record, "type"),
        text(record, "wiki"),
        text(record, "server_name"),
        text(record, "title"),
        (Long) field(record, "namespace"),
        text(record, "user"),
        (Boolean) field(record, "bot"),
        (Boolean) field(record, "minor"),
        length == null ? null : (Long) field(length, "old"),
        length == null ? null : (Long) field(length, "new"),
        revision == null ? null : (Long) field(revision, "old"),
        revision == null ? null : (Long) field(revision, "new"),
        EditEvent.eventTimeOf(timestamp),
        meta == null ? null : text(meta, "domain"));
  }

  /** The field's value, or null if the record's schema has no such field. */
  static Object field(GenericRecord record, String name) {
    Schema.Field field = record.getSchema().getField(name);
    return field == null ? null : record.get(field.pos());
  }

  private static String text(GenericRecord record, String name) {
    Object value = field(record, name);
    return value == null ? null : value.toString();
  }
}
