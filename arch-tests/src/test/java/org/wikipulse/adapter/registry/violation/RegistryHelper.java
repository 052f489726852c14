package org.wikipulse.adapter.registry.violation;

/** The target of a deliberately bad dependency. */
public class RegistryHelper {
  public static int answer() {
    return 42;
  }
}
