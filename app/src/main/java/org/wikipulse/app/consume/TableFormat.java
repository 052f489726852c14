package org.wikipulse.app.consume;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * An aligned table: partition, offset, key, then one column per leaf field of the value (nested
 * records flattened to dotted names, timestamps as ISO instants), and the dead-letter headers when
 * the first batch has any. Columns and widths come from the first batch; later cells are cut to
 * fit.
 */
public final class TableFormat implements RecordFormat {
  private static final int MAX_WIDTH = 40;

  private final PrintWriter out;
  private List<String> columns;
  private int[] widths;

  public TableFormat(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void print(List<ConsumedRecord> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (ConsumedRecord record : batch) {
      rows.add(cells(record));
    }
    if (columns == null) {
      columns = new ArrayList<>();
      for (Map<String, String> row : rows) {
        row.keySet().stream().filter(c -> !columns.contains(c)).forEach(columns::add);
      }
      widths = new int[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        int width = columns.get(c).length();
        for (Map<String, String> row : rows) {
          width = Math.max(width, row.getOrDefault(columns.get(c), "").length());
        }
        widths[c] = Math.min(width, MAX_WIDTH);
      }
      out.println(
          format(columns.stream().collect(LinkedHashMap::new, (m, c) -> m.put(c, c), Map::putAll)));
    }
    for (Map<String, String> row : rows) {
      out.println(format(row));
    }
    out.flush();
  }

  private String format(Map<String, String> row) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < columns.size(); c++) {
      String cell = row.getOrDefault(columns.get(c), "");
      if (cell.length() > widths[c]) {
        cell = cell.substring(0, widths[c] - 1) + "…";
      }
      if (c > 0) {
        line.append("  ");
      }
      boolean last = c == columns.size() - 1;
      line.append(last ? cell : String.format("%-" + widths[c] + "s", cell));
    }
    return line.toString().stripTrailing();
  }

  private static Map<String, String> cells(ConsumedRecord record) {
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("partition", Integer.toString(record.partition()));
    cells.put("offset", Long.toString(record.offset()));
    cells.put("key", record.key() == null ? "" : record.key());
    if (record.value() != null) {
      flatten(record.value(), "", cells);
    } else {
      cells.put("error", record.error());
    }
    record.headers().forEach((name, value) -> cells.put(name, value));
    return cells;
  }

  private static void flatten(GenericRecord record, String prefix, Map<String, String> cells) {
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      String name = prefix + field.name();
      if (value instanceof GenericRecord nested) {
        flatten(nested, name + ".", cells);
      } else {
        cells.put(name, text(value, field.schema()));
      }
    }
  }

  private static String text(Object value, Schema schema) {
    if (value == null) {
      return "";
    }
    LogicalType logical = leaf(schema).getLogicalType();
    if (value instanceof Long millis && logical instanceof LogicalTypes.TimestampMillis) {
      return Instant.ofEpochMilli(millis).toString();
    }
    if (value instanceof GenericRecord || value instanceof Map<?, ?> || value instanceof List<?>) {
      return AvroJson.toJson(value).toString();
    }
    return AvroJson.toJson(value).asText();
  }

  private static Schema leaf(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return branch;
        }
      }
    }
    return schema;
  }
}
