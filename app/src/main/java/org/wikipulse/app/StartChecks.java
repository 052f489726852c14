package org.wikipulse.app;

import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.kafka.KafkaCheck;
import org.wikipulse.app.registry.RegistryCheck;

/** What a command checks before it starts: that the broker and the registry answer. */
final class StartChecks {
  private StartChecks() {}

  /**
   * @throws org.wikipulse.app.kafka.ServiceUnavailableException naming the address at fault
   */
  static void check(WikipulseConfig config) {
    KafkaCheck.check(config);
    RegistryCheck.check(config.registrySettings(), config.connectTimeout());
  }
}
