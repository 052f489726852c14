/**
 * The Confluent Schema Registry REST client: {@link
 * org.wikipulse.adapter.registry.client.RegistrySettings} (URL, credentials, timeouts and retries,
 * and a serializable connector to ship to workers), the client with its caches, and the typed
 * errors a registry answers with.
 */
package org.wikipulse.adapter.registry.client;
