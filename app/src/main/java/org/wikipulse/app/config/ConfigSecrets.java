package org.wikipulse.app.config;

import java.util.List;
import java.util.Locale;

/** Keeps passwords and credentials out of what {@code wikipulse config} prints. */
final class ConfigSecrets {
  private static final List<String> SECRET_MARKERS =
      List.of("password", "secret", "token", "jaas", "credential");
  static final String MASK = "******";

  private ConfigSecrets() {}

  /**
   * The value, or a mask when the key names a password, a secret or credentials (an empty value
   * stays empty: it shows that nothing is set).
   */
  static String masked(String key, String value) {
    String name = key.toLowerCase(Locale.ROOT);
    if (name.endsWith(".type") || name.endsWith(".location")) {
      return value;
    }
    // ssl.keystore.key holds a private key in PEM.
    if (name.endsWith(".key") || SECRET_MARKERS.stream().anyMatch(name::contains)) {
      return hidden(value);
    }
    return value;
  }

  /** A secret's value as printed: the mask, or empty when nothing is set. */
  static String hidden(String value) {
    return value.isEmpty() ? value : MASK;
  }
}
