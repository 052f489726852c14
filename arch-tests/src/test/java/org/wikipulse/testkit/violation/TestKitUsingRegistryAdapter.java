package org.wikipulse.testkit.violation;

import org.apache.avro.Schema;
import org.wikipulse.adapter.registry.schema.AvroSchemas;

/** A test-kit class that uses the registry adapter: must be reported. */
public class TestKitUsingRegistryAdapter {
  public Schema schema() {
    return AvroSchemas.RECENT_CHANGE;
  }
}
