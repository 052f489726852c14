/**
 * The Confluent wire format (magic byte, schema id, Avro body) and everything that reads or writes
 * it: {@link org.wikipulse.adapter.registry.wire.ConfluentWireCodecs}, the codecs the runtimes use;
 * the read plan and the bounded decoder that decode only the fields the analysis needs, within the
 * limits of the frame; writers of input records and readers of output records for tests and tools.
 */
package org.wikipulse.adapter.registry.wire;
