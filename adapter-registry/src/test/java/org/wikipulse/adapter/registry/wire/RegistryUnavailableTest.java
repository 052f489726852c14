package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.wikipulse.adapter.registry.TestSchemas.uniqueSubject;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.client.ConfluentRegistryClient;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.localstack.ApicurioRegistryProcess;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.RegistryUnavailableException;
import org.wikipulse.testkit.RecentChangeGenerator;

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
   * Purpose: the retry budget bounds a request, its timeouts and retries included, whatever the
   * read timeout and the retry count would allow (before the budget, 3 retries of a 10 s read
   * timeout let one lookup block about 40 s). Input: a listening socket that never accepts, a 10 s
   * read timeout, 3 retries, a budget of 1 s. Pass: the typed error naming the budget, caused by a
   * timeout, within 3 s (the budget and a margin for a loaded machine).
   */
  @Test
  void theRetryBudgetBoundsASilentRegistry() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      ConfluentRegistryClient client =
          new ConfluentRegistryClient(
              RegistrySettings.of(url)
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                  .withRetries(3, Duration.ofMillis(20))
                  .withRetryBudget(Duration.ofSeconds(1)));

      long started = System.nanoTime();
      RegistryUnavailableException failure =
          assertTimeoutPreemptively(
              NO_HANG,
              () ->
                  catchThrowableOfType(
                      RegistryUnavailableException.class, () -> client.schemaById(7)));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(failure)
          .hasMessageContaining("schema id 7")
          .hasMessageContaining("retry budget of 1000 ms")
          .hasCauseInstanceOf(HttpTimeoutException.class);
      assertThat(took).isLessThan(Duration.ofSeconds(3));
    }
  }

  /**
   * Purpose: decoding survives a registry outage for the schemas it has seen. Input: a registry of
   * this test's own (not the shared one), two recentchange schemas registered and fetched by id,
   * then the registry stopped. Pass: both ids still resolve with no request, and a decoder made
   * after the outage (a new thread's) decodes records of both; an id not yet seen fails with the
   * retryable {@link RegistryUnavailableException} naming the registry (not a not-found error or a
   * rejection, which would dead-letter good records).
   */
  @Test
  void cachedIdsKeepDecodingAfterTheRegistryStops(@TempDir Path workDir) {
    ApicurioRegistryProcess registry = ApicurioRegistryProcess.start(workDir, 0);
    ConfluentRegistryClient client;
    RecentChangeWriter version1;
    RecentChangeWriter version2;
    try {
      client =
          new ConfluentRegistryClient(
              RegistrySettings.of(registry.baseUrl())
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                  .withRetries(2, Duration.ofMillis(50)));
      String subject = uniqueSubject("outage");
      version1 = new RecentChangeWriter(client, subject, AvroSchemas.RECENT_CHANGE);
      version2 = new RecentChangeWriter(client, subject, AvroSchemas.RECENT_CHANGE_V2);
      client.schemaById(version1.schemaId());
      client.schemaById(version2.schemaId());
    } finally {
      registry.close();
    }
    long requestsBeforeOutage = client.httpRequestCount();
    GenericRecord record = RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 11).next();
    EditEvent expected = RecentChangeRecords.toEditEvent(record);
    EditEventDecoder decoderAfterOutage = new ConfluentEditEventDecoder(client);

    assertThat(AvroSchemas.parse(client.schemaById(version1.schemaId())))
        .isEqualTo(AvroSchemas.RECENT_CHANGE);
    assertThat(decoderAfterOutage.decode(version1.write(record)))
        .isEqualTo(new DecodeResult.Decoded(expected, version1.schemaId()));
    assertThat(decoderAfterOutage.decode(version2.write(record)))
        .isEqualTo(new DecodeResult.Decoded(expected, version2.schemaId()));
    assertThat(client.httpRequestCount()).isEqualTo(requestsBeforeOutage);

    int unseenId = Math.max(version1.schemaId(), version2.schemaId()) + 1000;
    byte[] unseen = WireFormat.frame(unseenId, new byte[] {0});
    assertThatThrownBy(
            () -> assertTimeoutPreemptively(NO_HANG, () -> decoderAfterOutage.decode(unseen)))
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
