package org.wikipulse.contract.broker;

/**
 * What a runtime may be unable to do on a real broker; a case that needs one names it, and a
 * runtime that lacks it says so, with the reason, in {@link BrokerContractSuite#unsupported()}.
 */
public enum BrokerCapability {
  /**
   * Stopped and restarted on the same state, the pipeline writes each output key and each dead
   * letter once for a {@code read_committed} reader: a replayed batch is not written again.
   */
  EXACTLY_ONCE_ACROSS_RESTARTS
}
