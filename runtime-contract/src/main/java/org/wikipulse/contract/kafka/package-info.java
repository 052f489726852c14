/**
 * What the tests on a real broker share: topics, a batching producer, a reader that waits for a
 * topic's records, and a generated backlog with the reference's answer for it.
 */
package org.wikipulse.contract.kafka;
