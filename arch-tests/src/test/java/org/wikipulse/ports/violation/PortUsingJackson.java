package org.wikipulse.ports.violation;

/** Deliberately bad: a port that exposes Jackson. Checked only by RulesCanFailTest. */
public interface PortUsingJackson {
  com.fasterxml.jackson.databind.JsonNode read();
}
