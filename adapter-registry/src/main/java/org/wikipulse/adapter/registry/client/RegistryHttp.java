package org.wikipulse.adapter.registry.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.RegistryUnavailableException;

/**
 * Sends requests to the registry's REST API: auth, timeouts, and retries with exponential backoff
 * on connection errors, timeouts and 5xx answers, all inside {@link RegistrySettings#retryBudget()}
 * (each attempt is cut at what is left of it, and no retry starts that its backoff would overrun),
 * so a request never takes longer. A 4xx answer is final and becomes a typed error.
 */
final class RegistryHttp {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

  private final RegistrySettings settings;
  private final HttpClient client;
  private final String authorization;
  private final AtomicLong requestsSent = new AtomicLong();

  RegistryHttp(RegistrySettings settings) {
    this.settings = settings;
    // HTTP/1.1: the JDK's default h2c upgrade attempt buys nothing against a plain-HTTP registry.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.authorization = settings.authorization();
  }

  /** Every HTTP request sent, retries included. */
  long requestsSent() {
    return requestsSent.get();
  }

  String get(String path, RequestTarget target) {
    return send("GET", path, null, target);
  }

  String post(String path, Object body, RequestTarget target) {
    return send("POST", path, RegistryJson.write(body), target);
  }

  /** A subject as one URL path segment: subjects may contain {@code /}, spaces or {@code %}. */
  static String pathSegment(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String send(String method, String path, String jsonBody, RequestTarget target) {
    String url = settings.baseUrl() + path;
    long deadline = System.nanoTime() + settings.retryBudget().toNanos();
    String lastFailure = null;
    Throwable lastCause = null;
    int maxAttempts = settings.maxRetries() + 1;
    int attempts = 0;
    while (attempts < maxAttempts) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (attempts > 0) {
        Duration backoff = backoffBefore(attempts + 1);
        if (backoff.compareTo(left) >= 0) {
          break;
        }
        LOG.warn(
            "Schema registry {} {} failed ({}); retry {} of {} in {} ms",
            method,
            url,
            lastFailure,
            attempts,
            settings.maxRetries(),
            backoff.toMillis());
        sleep(backoff, url, target);
        left = Duration.ofNanos(deadline - System.nanoTime());
      }
      attempts++;
      requestsSent.incrementAndGet();
      HttpResponse<String> response;
      try {
        response =
            exchange(request(method, url, jsonBody, shorter(settings.readTimeout(), left)), left);
      } catch (IOException e) {
        // Connection refused or reset, connect or read timeout: the registry may come back.
        lastFailure = describe(e);
        lastCause = e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException(
            "Interrupted while asking the schema registry at " + url + " for " + target.describe(),
            e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response.body();
      }
      if (status >= 500) {
        lastFailure = "HTTP " + status + ": " + RegistryJson.abbreviate(response.body());
        lastCause = null;
        continue;
      }
      throw RegistryErrors.forClientError(
          url, target, status, response.body(), settings.hasCredentials());
    }
    throw new RegistryUnavailableException(
        "Schema registry at "
            + url
            + " unavailable for "
            + target.describe()
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + " within the retry budget of "
            + settings.retryBudget().toMillis()
            + " ms: "
            + lastFailure,
        lastCause);
  }

  /**
   * One request, given up after {@code bound} whatever stage it is in (connecting, sending, waiting
   * for the answer): the request's own timeout does not cover every stage.
   */
  private HttpResponse<String> exchange(HttpRequest request, Duration bound)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<String>> answer =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      return answer.get(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new HttpTimeoutException("no answer within " + Math.max(1, bound.toMillis()) + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    }
  }

  private static Duration shorter(Duration a, Duration b) {
    Duration positive = b.isNegative() || b.isZero() ? Duration.ofMillis(1) : b;
    return a.compareTo(positive) <= 0 ? a : positive;
  }

  private HttpRequest request(String method, String url, String jsonBody, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", CONTENT_TYPE + ", application/json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (jsonBody == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
        .build();
  }

  private Duration backoffBefore(int attempt) {
    int doublings = Math.min(attempt - 2, 20);
    Duration backoff = settings.initialBackoff().multipliedBy(1L << doublings);
    return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
  }

  private static void sleep(Duration backoff, String url, RequestTarget target) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException(
          "Interrupted while waiting to retry the schema registry at "
              + url
              + " for "
              + target.describe(),
          e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message;
  }
}
