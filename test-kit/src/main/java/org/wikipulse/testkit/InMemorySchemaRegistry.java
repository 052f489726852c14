package org.wikipulse.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.wikipulse.ports.RegisteredSchema;
import org.wikipulse.ports.SchemaNotFoundException;
import org.wikipulse.ports.SchemaRegistry;

/**
 * A schema registry in this JVM's memory, for tests and dry runs. Behaves like a Confluent registry
 * where it matters to codecs: ids start at 1 and are registry-wide, a schema equal to a registered
 * one (compared as Avro's normalized JSON) gets the same id under any subject, and versions count
 * from 1 per subject. Registration does not enforce compatibility (as a subject with level NONE).
 * Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
  private static final Map<String, InMemorySchemaRegistry> NAMED = new ConcurrentHashMap<>();

  private final Map<String, Integer> idsByCanonicalForm = new HashMap<>();
  private final List<String> schemasById = new ArrayList<>();
  private final Map<String, List<Integer>> idsBySubject = new HashMap<>();

  /** A new, empty registry of its own. */
  public InMemorySchemaRegistry() {}

  /**
   * The registry of that name in this JVM, created empty on first use. Lets a serialized {@link
   * InMemoryRegistryConnector} find the same registry after a runtime shipped it to a worker thread
   * of the same JVM.
   */
  public static InMemorySchemaRegistry named(String name) {
    return NAMED.computeIfAbsent(name, n -> new InMemorySchemaRegistry());
  }

  @Override
  public synchronized int register(String subject, String schema) {
    String canonical = canonicalForm(schema);
    Integer id = idsByCanonicalForm.get(canonical);
    if (id == null) {
      schemasById.add(schema);
      id = schemasById.size();
      idsByCanonicalForm.put(canonical, id);
    }
    List<Integer> versions = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  @Override
  public synchronized String schemaById(int id) {
    if (id < 1 || id > schemasById.size()) {
      throw new SchemaNotFoundException("Schema id " + id + " is not registered");
    }
    return schemasById.get(id - 1);
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> versions = idsBySubject.get(subject);
    if (versions == null) {
      throw new SchemaNotFoundException("Subject '" + subject + "' has no registered schema");
    }
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, id, versions.size(), schemasById.get(id - 1));
  }

  // Avro's own normalized JSON (whitespace and key order), not the parsing canonical form: that
  // form drops defaults, and two schemas that differ in a default must get different ids.
  private static String canonicalForm(String schema) {
    return parse(schema).toString();
  }

  private static Schema parse(String schema) {
    try {
      return new Schema.Parser().parse(schema);
    } catch (SchemaParseException e) {
      throw new IllegalArgumentException("Invalid Avro schema: " + e.getMessage(), e);
    }
  }
}
