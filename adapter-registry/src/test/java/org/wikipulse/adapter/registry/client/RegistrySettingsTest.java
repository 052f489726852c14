package org.wikipulse.adapter.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

  @Test
  void baseUrlLosesItsTrailingSlash() {
    assertThat(RegistrySettings.of("http://localhost:8080/apis/ccompat/v7/").baseUrl())
        .isEqualTo("http://localhost:8080/apis/ccompat/v7");
  }

  @Test
  void badBaseUrlsAreRefusedWithAnExample() {
    for (String bad :
        new String[] {null, " ", "localhost:8081", "ftp://host/x", "http://", "h p"}) {
      assertThatThrownBy(() -> RegistrySettings.of(bad))
          .as("base URL %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("http://localhost:8081");
    }
    assertThatThrownBy(() -> RegistrySettings.of("http://host:8081/?x=1"))
        .hasMessageContaining("query");
  }

  @Test
  void authIsBasicOrBearerNotBoth() {
    RegistrySettings basic = RegistrySettings.of("http://host:8081").withBasicAuth("u", "p");

    assertThatThrownBy(
            () ->
                new RegistrySettings(
                    "http://host:8081",
                    "u",
                    "p",
                    "token",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    0,
                    Duration.ofMillis(1),
                    Duration.ofSeconds(1),
                    Duration.ZERO))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> RegistrySettings.of("http://host:8081").withBasicAuth("u", null))
        .hasMessageContaining("user and a password");
    assertThat(basic.withBearerToken("t").basicAuthUser()).isNull();
    assertThat(basic.hasCredentials()).isTrue();
  }

  @Test
  void authorizationHeadersFollowRfc7617AndRfc6750() {
    assertThat(
            RegistrySettings.of("http://h:1")
                .withBasicAuth("Aladdin", "open sesame")
                .authorization())
        .isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    assertThat(RegistrySettings.of("http://h:1").withBearerToken("abc.def").authorization())
        .isEqualTo("Bearer abc.def");
    assertThat(RegistrySettings.of("http://h:1").authorization()).isNull();
  }

  @Test
  void timeoutsRetriesAndTtlAreValidated() {
    RegistrySettings settings = RegistrySettings.of("http://host:8081");

    assertThatThrownBy(() -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> settings.withRetries(-1, Duration.ofMillis(10)))
        .hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> settings.withLatestTtl(Duration.ofSeconds(-1)))
        .hasMessageContaining("latestTtl");
  }

  @Test
  void toStringHidesSecrets() {
    assertThat(RegistrySettings.of("http://host:8081").withBasicAuth("user", "s3cret").toString())
        .contains("user")
        .doesNotContain("s3cret");
    assertThat(RegistrySettings.of("http://host:8081").withBearerToken("tok3n").toString())
        .doesNotContain("tok3n");
  }

  @Test
  void serializedCopiesShareOneClientPerJvm() throws Exception {
    RegistrySettings settings =
        RegistrySettings.of("http://host.invalid:8081").withRetries(1, Duration.ofMillis(5));

    RegistrySettings copy = roundTrip(settings);

    assertThat(copy).isEqualTo(settings).isNotSameAs(settings);
    assertThat(copy.connect()).isSameAs(settings.connect());
    assertThat(settings.withRetries(2, Duration.ofMillis(5)).connect())
        .isNotSameAs(settings.connect());
  }

  private static RegistrySettings roundTrip(RegistrySettings settings)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(settings);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (RegistrySettings) in.readObject();
    }
  }
}
