package org.wikipulse.adapter.registry.client;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One client per distinct settings in this JVM, so that every deserialized copy of the settings
 * (one per Spark task, say) shares a connection pool and the schema caches.
 */
final class RegistryClientCache {
  private static final ConcurrentMap<RegistrySettings, ConfluentRegistryClient> CLIENTS =
      new ConcurrentHashMap<>();

  private RegistryClientCache() {}

  static ConfluentRegistryClient clientFor(RegistrySettings settings) {
    return CLIENTS.computeIfAbsent(settings, ConfluentRegistryClient::new);
  }
}
