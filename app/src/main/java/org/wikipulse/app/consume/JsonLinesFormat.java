package org.wikipulse.app.consume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One JSON object per record, like {@code kcat -J}: partition, offset, timestamp, key, schema id,
 * the decoded value, and the headers when there are any (dead letters carry their reason there). An
 * undecodable value prints as {@code "error"} instead of {@code "value"}.
 */
public final class JsonLinesFormat implements RecordFormat {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PrintWriter out;

  public JsonLinesFormat(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void print(List<ConsumedRecord> batch) {
    for (ConsumedRecord record : batch) {
      out.println(line(record));
    }
    out.flush();
  }

  static String line(ConsumedRecord record) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("partition", record.partition());
    node.put("offset", record.offset());
    node.put("timestamp", record.timestamp().toString());
    if (record.key() == null) {
      node.putNull("key");
    } else {
      node.put("key", record.key());
    }
    if (!record.headers().isEmpty()) {
      ObjectNode headers = node.putObject("headers");
      record.headers().forEach(headers::put);
    }
    if (record.schemaId() != null) {
      node.put("schema_id", record.schemaId());
    }
    if (record.value() != null) {
      node.set("value", AvroJson.toJson(record.value()));
    } else {
      node.put("error", record.error());
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
