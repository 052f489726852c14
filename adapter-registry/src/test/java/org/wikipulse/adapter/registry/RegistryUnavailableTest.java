package org.wikipulse.adapter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.wikipulse.adapter.registry.TestSchemas.uniqueNamespace;
import static org.wikipulse.adapter.registry.TestSchemas.uniqueSubject;
import static org.wikipulse.adapter.registry.TestSchemas.version1;
import static org.wikipulse.adapter.registry.TestSchemas.withDefaultedField;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.localstack.ApicurioRegistryProcess;
import org.wikipulse.ports.RegistryUnavailableException;

/**
 * A registry that cannot be reached is a retryable {@link RegistryUnavailableException} naming its
 * URL, after the configured retries, never a hang; what the client has cached keeps working.
 */
class RegistryUnavailableTest {
  /** A generous bound that only a hang or runaway retries would break. */
  private static final Duration NO_HANG = Duration.ofSeconds(60);

  /**
   * Purpose: connection refused is retried, then reported. Input: a closed port on 127.0.0.1, 3
   * retries. Pass: the typed error names the URL and the attempts, and 4 requests were sent.
   */
  @Test
  void closedPortIsUnavailableAfterTheRetries() throws IOException {
    String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
    ConfluentRegistryClient client =
        new ConfluentRegistryClient(
            RegistrySettings.of(url)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withRetries(3, Duration.ofMillis(20)));

    RegistryUnavailableException failure =
        assertTimeoutPreemptively(
            NO_HANG,
            () ->
                catchThrowableOfType(
                    RegistryUnavailableException.class, () -> client.schemaById(42)));

    assertThat(failure)
        .hasMessageContaining(url + "/schemas/ids/42")
        .hasMessageContaining("schema id 42")
        .hasMessageContaining("4 attempts");
    assertThat(client.httpRequestCount()).isEqualTo(4);
  }

  /**
   * Purpose: a registry that accepts connections but never answers hits the read timeout, which is
   * retried like a connection error. Input: a listening socket that never accepts, 2 retries. Pass:
   * the typed error after 3 requests, caused by the JDK's timeout.
   */
  @Test
  void silentRegistryTimesOutAndIsRetried() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      ConfluentRegistryClient client =
          new ConfluentRegistryClient(
              RegistrySettings.of(url)
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
                  .withRetries(2, Duration.ofMillis(20)));

      RegistryUnavailableException failure =
          assertTimeoutPreemptively(
              NO_HANG,
              () ->
                  catchThrowableOfType(
                      RegistryUnavailableException.class, () -> client.latest("silent-value")));

      assertThat(failure)
          .hasMessageContaining("silent-value")
          .hasMessageContaining("3 attempts")
          .hasCauseInstanceOf(HttpTimeoutException.class);
      assertThat(client.httpRequestCount()).isEqualTo(3);
    }
  }

  /**
   * Purpose: decoding survives a registry outage for the schemas it has seen. Input: a registry of
   * this test's own (not the shared one), two schemas fetched by id, then the registry stopped.
   * Pass: both ids still resolve with no request; an id not yet seen fails with the retryable
   * {@link RegistryUnavailableException} (not a not-found error, which would dead-letter records).
   */
  @Test
  void cachedIdsResolveAfterTheRegistryStops(@TempDir Path workDir) {
    ApicurioRegistryProcess registry = ApicurioRegistryProcess.start(workDir, 0);
    ConfluentRegistryClient client;
    int firstId;
    int secondId;
    String firstSchema;
    String secondSchema;
    try {
      client =
          new ConfluentRegistryClient(
              RegistrySettings.of(registry.baseUrl())
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                  .withRetries(2, Duration.ofMillis(50)));
      String subject = uniqueSubject("outage");
      String namespace = uniqueNamespace();
      firstId = client.register(subject, version1(namespace));
      secondId = client.register(subject, withDefaultedField(namespace));
      firstSchema = client.schemaById(firstId);
      secondSchema = client.schemaById(secondId);
    } finally {
      registry.close();
    }
    long requestsBeforeOutage = client.httpRequestCount();

    assertThat(client.schemaById(firstId)).isEqualTo(firstSchema);
    assertThat(client.schemaById(secondId)).isEqualTo(secondSchema);
    assertThat(client.httpRequestCount()).isEqualTo(requestsBeforeOutage);

    int unseenId = secondId + 1000;
    assertThatThrownBy(() -> assertTimeoutPreemptively(NO_HANG, () -> client.schemaById(unseenId)))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(registry.baseUrl())
        .hasMessageContaining("schema id " + unseenId);
    assertThat(client.httpRequestCount() - requestsBeforeOutage).isEqualTo(3);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
