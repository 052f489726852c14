package org.wikipulse.app;

import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.ports.SchemaRegistry;
import org.wikipulse.ports.WireCodecs;

/** The registry client and codecs for a configuration. */
final class Registries {
  private Registries() {}

  static SchemaRegistry client(WikipulseConfig config) {
    return config.registrySettings().connect();
  }

  static WireCodecs codecs(WikipulseConfig config) {
    return new ConfluentWireCodecs(config.registrySettings(), config.topics().outputSubject());
  }
}
