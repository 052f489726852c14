package org.wikipulse.ports;

import java.io.Serializable;
import java.time.Duration;

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

  /**
   * The longest a decode may wait for the registry before it throws {@link
   * RegistryUnavailableException}: the registry's retry budget, set once in its settings and spent
   * inside the registry client. A runtime decides only what happens after it is spent, and must not
   * hold anything that times out sooner (such as a transaction) while it waits.
   */
  Duration registryBudget();
}
