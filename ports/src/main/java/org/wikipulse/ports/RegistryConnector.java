package org.wikipulse.ports;

import java.io.Serializable;
import java.time.Duration;

/**
 * How to reach a schema registry, as a serializable value: a distributed runtime ships it to its
 * workers, and each worker JVM connects there.
 */
public interface RegistryConnector extends Serializable {

  /** The registry these settings name; implementations may share one instance per JVM. */
  SchemaRegistry connect();

  /**
   * The longest one request to this registry may take, its retries included, before it fails with
   * {@link RegistryUnavailableException}; zero for a registry that is never unavailable.
   */
  Duration retryBudget();
}
