package org.wikipulse.adapter.registry.violation;

import org.wikipulse.app.violation.AppThing;

/** Deliberately bad: an adapter using the launcher. */
public class RegistryUsingApp {
  public int name() {
    // A method call, not the constant: constants are inlined and leave no dependency behind.
    return AppThing.now();
  }
}
