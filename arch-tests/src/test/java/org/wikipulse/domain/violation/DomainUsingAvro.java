package org.wikipulse.domain.violation;

/** Deliberately bad: domain code using a framework. Checked only by RulesCanFailTest. */
public class DomainUsingAvro {
  public org.apache.avro.Schema schema() {
    return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
  }
}
