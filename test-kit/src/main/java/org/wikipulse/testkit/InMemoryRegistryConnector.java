package org.wikipulse.testkit;

import java.time.Duration;
import org.wikipulse.ports.RegistryConnector;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Connects to {@link InMemorySchemaRegistry#named(String) the named in-memory registry} of the JVM
 * it runs in. Only meaningful where all workers share one JVM (tests, Spark local mode, dry runs).
 *
 * @param name the registry's name
 */
public record InMemoryRegistryConnector(String name) implements RegistryConnector {
  private static final long serialVersionUID = 1L;

  public InMemoryRegistryConnector {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("An in-memory registry needs a name");
    }
  }

  @Override
  public SchemaRegistry connect() {
    return InMemorySchemaRegistry.named(name);
  }

  /** Zero: an in-memory registry answers at once or not at all. */
  @Override
  public Duration retryBudget() {
    return Duration.ZERO;
  }
}
