/**
 * The schema-registry adapter: a Confluent Schema Registry REST client, the Confluent wire-format
 * codecs ({@link org.wikipulse.adapter.registry.ConfluentWireCodecs}), the Avro schemas of
 * wikipulse ({@link org.wikipulse.adapter.registry.AvroSchemas}), JSON conversion of recentchange
 * events and a synthetic event generator.
 */
package org.wikipulse.adapter.registry;
