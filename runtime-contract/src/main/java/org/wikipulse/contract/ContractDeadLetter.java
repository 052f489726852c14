package org.wikipulse.contract;

import org.wikipulse.ports.DeadLetterReason;

/**
 * A dead-letter record as a harness read it back.
 *
 * @param reason the error class header
 * @param message the error message header
 * @param value the original value bytes
 */
public record ContractDeadLetter(DeadLetterReason reason, String message, byte[] value) {}
