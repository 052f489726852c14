package org.wikipulse.app.config;

/**
 * One configured value and where it came from, so that an error can point at the right place.
 *
 * @param key the dotted key, such as {@code windows.size}
 * @param value the value as text
 * @param origin where it was set: {@code defaults}, a file, an environment variable or {@code
 *     --set}
 */
public record Setting(String key, String value, String origin) {

  /** The setting as a user would write it, with its origin: {@code windows.size=60s (defaults)}. */
  public String describe() {
    return key + "=" + value + " (from " + origin + ")";
  }
}
