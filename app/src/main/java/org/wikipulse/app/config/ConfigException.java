package org.wikipulse.app.config;

/**
 * A configuration value that cannot be used. Its message is one line that names the key, the value
 * and where it came from, ready to show to a user as it is.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The configuration key at fault. */
  public String key() {
    return key;
  }
}
