package org.wikipulse.ports;

/**
 * A Confluent-compatible schema registry. Implementations cache what is immutable (schemas by id)
 * and throw {@link RegistryUnavailableException} when the registry cannot be reached.
 */
public interface SchemaRegistry {

  /**
   * Registers an Avro schema under a subject and returns its id; the same schema gets the same id.
   */
  int register(String subject, String schema);

  /** The schema text with the given id. */
  String schemaById(int id);

  /** The newest version registered under a subject. */
  RegisteredSchema latest(String subject);
}
