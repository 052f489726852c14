package org.wikipulse.adapter.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wikipulse.ports.SchemaNotFoundException;

/**
 * The mapping of 4xx answers to typed errors, for the answers the shared Apicurio registry cannot
 * be made to give (401/403 need an identity provider) and for Confluent's documented bodies.
 */
class RegistryErrorsTest {
  private static final String URL = "http://registry:8081/subjects/x/versions";

  @Test
  void unauthorizedSaysWhetherCredentialsWereSent() {
    RuntimeException withoutCredentials =
        RegistryErrors.forClientError(
            URL,
            RequestTarget.subject("wiki-value"),
            401,
            "{\"error_code\":401,\"message\":\"Unauthorized\"}",
            false);
    RuntimeException withCredentials =
        RegistryErrors.forClientError(
            URL, RequestTarget.schemaId(7), 403, "<html>Forbidden</html>", true);

    assertThat(withoutCredentials)
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining(URL)
        .hasMessageContaining("subject 'wiki-value'")
        .hasMessageContaining("no credentials are configured");
    assertThat(withCredentials)
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("schema id 7")
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("<html>Forbidden</html>")
        .hasMessageContaining("check the configured credentials");
  }

  @Test
  void confluentNotFoundCodesNameWhatWasMissing() {
    RuntimeException subject =
        RegistryErrors.forClientError(
            URL,
            RequestTarget.subjectVersion("wiki-value", "latest"),
            404,
            "{\"error_code\":40401,\"message\":\"Subject 'wiki-value' not found.\"}",
            false);
    RuntimeException noVersions =
        RegistryErrors.forClientError(
            URL,
            RequestTarget.subjectVersion("wiki-value", "latest"),
            404,
            "{\"error_code\":40402,\"message\":\"No version 'latest' found.\"}",
            false);
    RuntimeException schema =
        RegistryErrors.forClientError(
            URL,
            RequestTarget.schemaId(99),
            404,
            "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}",
            false);

    assertThat(subject)
        .isInstanceOfSatisfying(
            SubjectNotFoundException.class, e -> assertThat(e.subject()).isEqualTo("wiki-value"))
        .hasMessageContaining("40401");
    assertThat(noVersions)
        .isInstanceOfSatisfying(
            SubjectNotFoundException.class, e -> assertThat(e.subject()).isEqualTo("wiki-value"))
        .hasMessageContaining("has no versions");
    assertThat(schema).isInstanceOf(SchemaNotFoundException.class).hasMessageContaining("99");
  }

  @Test
  void conflictAndUnprocessableAreSchemaErrorsNamingTheSubject() {
    RuntimeException conflict =
        RegistryErrors.forClientError(
            URL,
            RequestTarget.subject("wiki-value"),
            409,
            "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}",
            false);
    RuntimeException invalid =
        RegistryErrors.forClientError(
            URL,
            RequestTarget.subject("wiki-value"),
            422,
            "{\"error_code\":42201,\"message\":\"Invalid schema\"}",
            false);
    RuntimeException badLevel =
        RegistryErrors.forClientError(
            URL,
            RequestTarget.subject("wiki-value"),
            422,
            "{\"error_code\":42203,\"message\":\"Invalid compatibility level\"}",
            false);

    assertThat(conflict)
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("wiki-value")
        .hasMessageContaining("incompatible");
    assertThat(invalid)
        .isInstanceOfSatisfying(
            InvalidSchemaException.class, e -> assertThat(e.errorCode()).isEqualTo(42201))
        .hasMessageContaining("wiki-value");
    assertThat(badLevel).isExactlyInstanceOf(RegistryException.class).hasMessageContaining("42203");
  }

  @Test
  void plainNotFoundHintsAtTheBaseUrl() {
    RuntimeException error =
        RegistryErrors.forClientError(
            URL, RequestTarget.subject("wiki-value"), 404, "<html>Not Found</html>", false);

    assertThat(error).isExactlyInstanceOf(RegistryException.class).hasMessageContaining("base URL");
  }
}
