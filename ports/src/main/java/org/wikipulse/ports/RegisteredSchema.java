package org.wikipulse.ports;

/**
 * One version of a schema under a subject.
 *
 * @param subject the subject it is registered under
 * @param id the registry-wide schema id, as written in the wire format's header
 * @param version the version within the subject
 * @param schema the Avro schema text
 */
public record RegisteredSchema(String subject, int id, int version, String schema) {}
