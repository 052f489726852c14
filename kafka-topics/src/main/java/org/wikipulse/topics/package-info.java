/**
 * Topic creation, in one place: what each topic wikipulse reads or writes needs from the broker
 * ({@link TopicPlan}), applied when wikipulse creates the topic and compared with what an existing
 * topic has ({@link TopicSetup}). The launcher (before {@code run}, {@code demo} and {@code
 * ingest}) and both runtimes (before they start) call it, so a topic gets the same settings
 * whichever of them creates it first. {@link DeadLetterLimit} is the dead-letter topic's size limit
 * as a writer of dead letters needs it: how large a producer request may be, and what to leave out
 * of a dead letter that would be larger. Kafka clients only: no runtime, no ports.
 */
package org.wikipulse.topics;
