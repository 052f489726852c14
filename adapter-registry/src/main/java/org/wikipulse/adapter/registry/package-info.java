/**
 * The schema-registry adapter, by job: {@link org.wikipulse.adapter.registry.client} reaches a
 * Confluent-compatible registry over REST, {@link org.wikipulse.adapter.registry.wire} reads and
 * writes the Confluent wire format (the read plan, the bounded decoder, the codecs the runtimes
 * use), and {@link org.wikipulse.adapter.registry.schema} holds the Avro schemas of wikipulse and
 * the mapping of a RecentChange record to the domain's event.
 */
package org.wikipulse.adapter.registry;
