package org.wikipulse.ports;

/**
 * The registered schema of the output value, for runtimes that encode with their own Avro writer.
 *
 * @param id the schema id written in each output record's header
 * @param schema the Avro schema text of {@code EditCount}
 */
public record OutputSchema(int id, String schema) {}
