package org.wikipulse.adapter.registry.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** The Avro schemas of wikipulse, parsed once from the {@code avro/*.avsc} resources. */
public final class AvroSchemas {
  /** The input: a Wikimedia recentchange event, version 1. */
  public static final Schema RECENT_CHANGE = load("avro/RecentChange.avsc");

  /** Version 1 plus one optional field, for demonstrating and testing schema evolution. */
  public static final Schema RECENT_CHANGE_V2 = load("avro/RecentChangeV2.avsc");

  /** The output: one (window, actor) count. */
  public static final Schema EDIT_COUNT = load("avro/EditCount.avsc");

  private AvroSchemas() {}

  /** Parses an {@code .avsc} resource of this module. */
  public static Schema load(String resource) {
    try (InputStream in = AvroSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Avro schema resource '" + resource + "' is missing");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Avro schema resource '" + resource + "'", e);
    }
  }

  /** Parses a schema text, such as one fetched from a registry. */
  public static Schema parse(String schemaText) {
    return new Schema.Parser().parse(schemaText);
  }
}
