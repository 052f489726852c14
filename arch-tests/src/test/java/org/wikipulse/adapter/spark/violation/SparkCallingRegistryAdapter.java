package org.wikipulse.adapter.spark.violation;

import org.wikipulse.adapter.registry.violation.RegistryHelper;

/** Deliberately bad: one adapter calling another. */
public class SparkCallingRegistryAdapter {
  public int id() {
    return RegistryHelper.answer();
  }
}
