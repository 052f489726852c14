/**
 * The broker-level contract suite, written once for every runtime: see {@link
 * org.wikipulse.contract.broker.BrokerContractSuite}.
 */
package org.wikipulse.contract.broker;
