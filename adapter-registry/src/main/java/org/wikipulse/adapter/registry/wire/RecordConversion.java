package org.wikipulse.adapter.registry.wire;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Copies a record to another version of its schema by field name. */
final class RecordConversion {
  private RecordConversion() {}

  /**
   * The record as a record of the target schema: fields matched by name, nested records copied the
   * same way, fields the source lacks set to the target's default.
   *
   * @throws IllegalArgumentException if the target has a field the source lacks and without
   *     default, or a value fits none of a target union's branches
   */
  static GenericRecord toSchema(GenericRecord source, Schema target) {
    GenericData.Record copy = new GenericData.Record(target);
    for (Schema.Field field : target.getFields()) {
      Schema.Field sourceField = source.getSchema().getField(field.name());
      if (sourceField == null) {
        if (!field.hasDefaultValue()) {
          throw new IllegalArgumentException(
              "Field '"
                  + field.name()
                  + "' of "
                  + target.getFullName()
                  + " has no value or default");
        }
        copy.put(field.pos(), GenericData.get().getDefaultValue(field));
      } else {
        copy.put(field.pos(), convert(source.get(sourceField.pos()), field.schema()));
      }
    }
    return copy;
  }

  private static Object convert(Object value, Schema target) {
    if (value instanceof GenericRecord nested) {
      Schema recordSchema = target;
      if (target.getType() == Schema.Type.UNION) {
        recordSchema =
            target.getTypes().stream()
                .filter(t -> t.getType() == Schema.Type.RECORD)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No record branch in " + target));
      }
      return toSchema(nested, recordSchema);
    }
    if (value instanceof Long number && acceptsIntButNotLong(target)) {
      if (number != number.intValue()) {
        throw new IllegalArgumentException(number + " does not fit the int of " + target);
      }
      return number.intValue();
    }
    return value;
  }

  private static boolean acceptsIntButNotLong(Schema target) {
    List<Schema> types =
        target.getType() == Schema.Type.UNION ? target.getTypes() : List.of(target);
    return types.stream().anyMatch(t -> t.getType() == Schema.Type.INT)
        && types.stream().noneMatch(t -> t.getType() == Schema.Type.LONG);
  }
}
