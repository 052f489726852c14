package org.wikipulse.adapter.registry.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.wikipulse.adapter.registry.schema.AvroSchemas;

/**
 * The reader schema decoders resolve writer schemas to: RecentChange cut down to the fields an
 * {@link org.wikipulse.domain.EditEvent} needs, in the same order, with the same names and types.
 * One change: {@code timestamp} is optional here, so that a writer schema without it (or with a
 * nullable one) still resolves and each of its records is rejected as MISSING_EVENT_TIME rather
 * than the whole schema as incompatible.
 */
final class EditEventProjection {
  /** The top-level fields an edit event needs. */
  static final Set<String> TOP_LEVEL_FIELDS =
      Set.of(
          "type",
          "timestamp",
          "bot",
          "id",
          "namespace",
          "title",
          "user",
          "minor",
          "length",
          "revision",
          "wiki",
          "server_name",
          "meta");

  /** The one field of {@code meta} an edit event needs. */
  static final String META_DOMAIN = "domain";

  static final Schema SCHEMA = project(AvroSchemas.RECENT_CHANGE);

  private EditEventProjection() {}

  private static Schema project(Schema recentChange) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : recentChange.getFields()) {
      if (!TOP_LEVEL_FIELDS.contains(field.name())) {
        continue;
      }
      switch (field.name()) {
        case "timestamp" -> fields.add(optionalLong(field));
        case "meta" -> fields.add(new Schema.Field(field, metaWithDomainOnly(field.schema())));
        default -> fields.add(new Schema.Field(field, field.schema()));
      }
    }
    return Schema.createRecord(
        recentChange.getName(),
        "RecentChange as the analysis reads it",
        recentChange.getNamespace(),
        false,
        fields);
  }

  private static Schema.Field optionalLong(Schema.Field field) {
    Schema optional =
        Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.LONG));
    return new Schema.Field(field.name(), optional, field.doc(), JsonProperties.NULL_VALUE);
  }

  private static Schema metaWithDomainOnly(Schema meta) {
    Schema.Field domain = meta.getField(META_DOMAIN);
    return Schema.createRecord(
        meta.getName(),
        meta.getDoc(),
        meta.getNamespace(),
        false,
        List.of(new Schema.Field(domain, domain.schema())));
  }
}
