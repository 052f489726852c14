package org.wikipulse.app;

import java.time.Duration;
import org.wikipulse.adapter.registry.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.RegistrySettings;
import org.wikipulse.app.config.RegistryCredentials;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.ports.SchemaRegistry;
import org.wikipulse.ports.WireCodecs;

/** The registry client and codecs for a configuration. */
final class Registries {
  private Registries() {}

  static RegistrySettings settings(WikipulseConfig config) {
    RegistrySettings settings =
        RegistrySettings.of(config.registryUrl().toString())
            .withTimeouts(config.connectTimeout(), Duration.ofSeconds(10));
    RegistryCredentials credentials = config.registryCredentials();
    if (credentials.hasBasicAuth()) {
      settings =
          settings.withBasicAuth(credentials.basicAuthUser(), credentials.basicAuthPassword());
    } else if (credentials.hasBearerToken()) {
      settings = settings.withBearerToken(credentials.bearerToken());
    }
    return settings;
  }

  static SchemaRegistry client(WikipulseConfig config) {
    return settings(config).connect();
  }

  static WireCodecs codecs(WikipulseConfig config) {
    return new ConfluentWireCodecs(settings(config), config.topics().outputSubject(), true);
  }
}
