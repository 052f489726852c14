package org.wikipulse.topics.violation;

import org.wikipulse.ports.PipelineSpec;

/** Deliberately bad: topic creation reaching into the ports. */
public class TopicsUsingPorts {
  public String output(PipelineSpec spec) {
    return spec.sink().topic();
  }
}
