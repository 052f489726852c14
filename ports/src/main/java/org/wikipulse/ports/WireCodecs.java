package org.wikipulse.ports;

import java.io.Serializable;

/**
 * Makes decoders and encoders for the Confluent wire format. Serializable, so that a distributed
 * runtime can ship it to its workers and make a decoder per thread there.
 */
public interface WireCodecs extends Serializable {

  /** A new decoder for the calling thread. */
  EditEventDecoder newDecoder();

  /** A new encoder for the calling thread. */
  EditCountEncoder newEncoder();

  /** The output schema, registered under the sink's subject if it is not yet. */
  OutputSchema outputSchema();
}
