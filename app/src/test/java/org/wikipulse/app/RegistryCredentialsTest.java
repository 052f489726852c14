package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.client.RegistryAuthException;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.client.SubjectNotFoundException;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.kafka.ServiceUnavailableException;
import org.wikipulse.app.registry.RegistryCheck;

/**
 * Registry credentials reach both the start check and the registry client the runtimes use, against
 * a registry stand-in that answers 401 without the right {@code Authorization} header.
 */
class RegistryCredentialsTest {
  private static final String USER = "api-key";
  private static final String PASSWORD = "api-secret";

  private HttpServer registry;
  private String url;

  @BeforeEach
  void startRegistry() throws IOException {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext(
        "/",
        exchange -> {
          boolean allowed = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
          String path = exchange.getRequestURI().getPath();
          int status;
          String body;
          if (!allowed) {
            status = 401;
            body = "{\"error_code\":401,\"message\":\"Unauthorized\"}";
          } else if (path.equals("/subjects")) {
            status = 200;
            body = "[]";
          } else {
            status = 404;
            body = "{\"error_code\":40401,\"message\":\"Subject not found\"}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    registry.start();
    url = "http://127.0.0.1:" + registry.getAddress().getPort();
  }

  @AfterEach
  void stopRegistry() {
    registry.stop(0);
  }

  /**
   * Purpose: the start check sends the configured basic auth, and says what it sent when refused.
   * Input: the check with the right credentials, then with none. Pass: the first passes; the second
   * fails naming HTTP 401 and "no auth".
   */
  @Test
  void theStartCheckSendsTheCredentials() {
    Duration timeout = Duration.ofSeconds(5);
    WikipulseConfig withAuth =
        WikipulseConfig.of(
            "registry.url=" + url,
            "registry.basic-auth-user=" + USER,
            "registry.basic-auth-password=" + PASSWORD);

    assertThatCode(() -> RegistryCheck.check(withAuth.registrySettings(), timeout))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> RegistryCheck.check(RegistrySettings.of(url), timeout))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("refused access (HTTP 401) with no auth");
  }

  /**
   * Purpose: the registry client built from the configuration (the one the runtimes' codecs use)
   * authenticates too. Input: a lookup of a missing subject with and without the credentials set.
   * Pass: with them the registry's own "not found"; without, an authentication error.
   */
  @Test
  void theRegistryClientSendsTheCredentials() {
    WikipulseConfig withAuth =
        WikipulseConfig.of(
            "registry.url=" + url,
            "registry.basic-auth-user=" + USER,
            "registry.basic-auth-password=" + PASSWORD);
    WikipulseConfig without = WikipulseConfig.of("registry.url=" + url);

    assertThatThrownBy(() -> Registries.client(withAuth).latest("missing-value"))
        .isInstanceOf(SubjectNotFoundException.class);
    assertThatThrownBy(() -> Registries.client(without).latest("missing-value"))
        .isInstanceOf(RegistryAuthException.class);
  }
}
