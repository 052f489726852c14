package org.wikipulse.domain;

/** One step of an ordered input to the {@link ReferenceAnalysis}. */
public sealed interface ReferenceInput {

  /** A decoded event read from a partition. */
  record Event(int partition, EditEvent event) implements ReferenceInput {}

  /** The runtime has seen no data from the partition for its idle timeout. */
  record Idle(int partition) implements ReferenceInput {}
}
