package org.wikipulse.app.config;

/**
 * How wikipulse authenticates to the schema registry: HTTP basic auth, a bearer token, or neither.
 * Empty strings mean unset.
 */
public record RegistryCredentials(
    String basicAuthUser, String basicAuthPassword, String bearerToken) {
  public static final RegistryCredentials NONE = new RegistryCredentials("", "", "");

  public boolean hasBasicAuth() {
    return !basicAuthUser.isEmpty();
  }

  public boolean hasBearerToken() {
    return !bearerToken.isEmpty();
  }

  /** Keeps the password and the token out of logs. */
  @Override
  public String toString() {
    return hasBasicAuth()
        ? "basic auth as " + basicAuthUser
        : hasBearerToken() ? "bearer token" : "no auth";
  }
}
