package org.wikipulse.domain.violation;

/** Deliberately bad: the domain reaching out to a port. Checked only by RulesCanFailTest. */
public class DomainUsingPorts {
  public Object sink() {
    return org.wikipulse.ports.PipelineProgress.NONE;
  }
}
