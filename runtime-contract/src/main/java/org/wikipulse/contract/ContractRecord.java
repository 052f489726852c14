package org.wikipulse.contract;

/**
 * One input record: the value bytes as a producer wrote them, and the partition it goes to.
 *
 * @param partition the input partition, from 0
 * @param value the record value in the Confluent wire format (or deliberately not)
 */
public record ContractRecord(int partition, byte[] value) {}
