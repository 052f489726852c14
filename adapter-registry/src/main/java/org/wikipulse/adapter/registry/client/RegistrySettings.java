package org.wikipulse.adapter.registry.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import org.wikipulse.ports.RegistryConnector;

/**
 * How to reach a Confluent-compatible schema registry, validated on construction. Serializable, so
 * a distributed runtime can ship it to its workers; {@link #connect()} gives every copy in one JVM
 * the same client, with one set of caches.
 *
 * @param baseUrl where the Confluent REST API is rooted, such as {@code http://localhost:8081} or
 *     Apicurio's {@code http://localhost:8080/apis/ccompat/v7}; without a trailing slash
 * @param basicAuthUser user for HTTP basic auth, or null
 * @param basicAuthPassword password for HTTP basic auth, or null
 * @param bearerToken token for {@code Authorization: Bearer}, or null; exclusive with basic auth
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long to wait for an answer once a request is sent
 * @param maxRetries how many times a request is retried after a connection error, a timeout or a
 *     5xx answer (never after a 4xx)
 * @param initialBackoff the wait before the first retry; each further retry waits twice as long
 * @param retryBudget how long one registry request may take in all, its attempts, timeouts and
 *     backoffs included: the one bound on how long a lookup can hold a decode. A runtime decides
 *     only what happens once it is spent (see {@link
 *     org.wikipulse.ports.WireCodecs#registryBudget})
 * @param latestTtl how long the latest version of a subject is cached; zero disables that cache
 */
public record RegistrySettings(
    String baseUrl,
    String basicAuthUser,
    String basicAuthPassword,
    String bearerToken,
    Duration connectTimeout,
    Duration readTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration retryBudget,
    Duration latestTtl)
    implements RegistryConnector {

  private static final long serialVersionUID = 1L;

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
  public static final Duration DEFAULT_LATEST_TTL = Duration.ofSeconds(5);

  /**
   * Five seconds: under the Kafka Streams runtime's transaction timeout (10 s), which a decode
   * waiting for the registry holds open.
   */
  public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(5);

  public RegistrySettings {
    baseUrl = validBaseUrl(baseUrl);
    if ((basicAuthUser == null) != (basicAuthPassword == null)) {
      throw new IllegalArgumentException(
          "Schema registry basic auth needs both a user and a password, or neither");
    }
    if (basicAuthUser != null && bearerToken != null) {
      throw new IllegalArgumentException(
          "Schema registry auth: choose basic auth or a bearer token, not both");
    }
    if (bearerToken != null && bearerToken.isBlank()) {
      throw new IllegalArgumentException("Schema registry bearer token must not be blank");
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("readTimeout", readTimeout);
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("retryBudget", retryBudget);
    Objects.requireNonNull(latestTtl, "latestTtl");
    if (latestTtl.isNegative()) {
      throw new IllegalArgumentException("latestTtl must not be negative, was " + latestTtl);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
    }
  }

  /** Settings with no auth and the default timeouts, retries and cache lifetime. */
  public static RegistrySettings of(String baseUrl) {
    return new RegistrySettings(
        baseUrl,
        null,
        null,
        null,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_MAX_RETRIES,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_RETRY_BUDGET,
        DEFAULT_LATEST_TTL);
  }

  public RegistrySettings withBasicAuth(String user, String password) {
    return new RegistrySettings(
        baseUrl,
        user,
        password,
        null,
        connectTimeout,
        readTimeout,
        maxRetries,
        initialBackoff,
        retryBudget,
        latestTtl);
  }

  public RegistrySettings withBearerToken(String token) {
    return new RegistrySettings(
        baseUrl,
        null,
        null,
        token,
        connectTimeout,
        readTimeout,
        maxRetries,
        initialBackoff,
        retryBudget,
        latestTtl);
  }

  public RegistrySettings withTimeouts(Duration connect, Duration read) {
    return new RegistrySettings(
        baseUrl,
        basicAuthUser,
        basicAuthPassword,
        bearerToken,
        connect,
        read,
        maxRetries,
        initialBackoff,
        retryBudget,
        latestTtl);
  }

  public RegistrySettings withRetries(int retries, Duration firstBackoff) {
    return new RegistrySettings(
        baseUrl,
        basicAuthUser,
        basicAuthPassword,
        bearerToken,
        connectTimeout,
        readTimeout,
        retries,
        firstBackoff,
        retryBudget,
        latestTtl);
  }

  public RegistrySettings withLatestTtl(Duration ttl) {
    return new RegistrySettings(
        baseUrl,
        basicAuthUser,
        basicAuthPassword,
        bearerToken,
        connectTimeout,
        readTimeout,
        maxRetries,
        initialBackoff,
        retryBudget,
        ttl);
  }

  /** These settings with another retry budget. */
  public RegistrySettings withRetryBudget(Duration budget) {
    return new RegistrySettings(
        baseUrl,
        basicAuthUser,
        basicAuthPassword,
        bearerToken,
        connectTimeout,
        readTimeout,
        maxRetries,
        initialBackoff,
        budget,
        latestTtl);
  }

  /** Whether requests carry credentials. */
  public boolean hasCredentials() {
    return basicAuthUser != null || bearerToken != null;
  }

  /** This JVM's client for these settings, shared by every equal copy. */
  @Override
  public ConfluentRegistryClient connect() {
    return RegistryClientCache.clientFor(this);
  }

  /**
   * The {@code Authorization} header these credentials send (RFC 7617 basic, RFC 6750 bearer), or
   * null without credentials.
   */
  public String authorization() {
    if (bearerToken != null) {
      return "Bearer " + bearerToken;
    }
    if (basicAuthUser != null) {
      String credentials = basicAuthUser + ":" + basicAuthPassword;
      return "Basic "
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  /** Which credentials these are, without revealing them, for logs and errors. */
  public String authDescription() {
    return basicAuthUser != null
        ? "basic auth as " + basicAuthUser
        : bearerToken != null ? "bearer token" : "no auth";
  }

  /** Keeps passwords and tokens out of logs. */
  @Override
  public String toString() {
    return "RegistrySettings["
        + baseUrl
        + ", "
        + authDescription()
        + ", connect "
        + connectTimeout
        + ", read "
        + readTimeout
        + ", "
        + maxRetries
        + " retries from "
        + initialBackoff
        + " within "
        + retryBudget
        + ", latest cached "
        + latestTtl
        + "]";
  }

  private static String validBaseUrl(String baseUrl) {
    String example =
        ": give an absolute http(s) URL such as http://localhost:8081"
            + " or http://localhost:8080/apis/ccompat/v7";
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("Schema registry base URL is missing" + example);
    }
    String trimmed = baseUrl.trim();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Schema registry base URL '"
              + baseUrl
              + "' is not a URL ("
              + e.getReason()
              + ")"
              + example,
          e);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Schema registry base URL '" + baseUrl + "' is not an http(s) URL with a host" + example);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "Schema registry base URL '" + baseUrl + "' must not have a query or fragment" + example);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
