package org.wikipulse.adapter.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wikipulse.adapter.registry.TestSchemas.uniqueNamespace;
import static org.wikipulse.adapter.registry.TestSchemas.uniqueSubject;
import static org.wikipulse.adapter.registry.TestSchemas.version1;
import static org.wikipulse.adapter.registry.TestSchemas.withDefaultedField;
import static org.wikipulse.adapter.registry.TestSchemas.withRequiredField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.RegisteredSchema;
import org.wikipulse.ports.SchemaNotFoundException;

/**
 * The client against a real Apicurio Registry through its Confluent API ({@code /apis/ccompat/v7}),
 * shared by every test of this JVM; each test uses subjects and record namespaces of its own. Each
 * test gets a fresh client, so request counts start at zero.
 */
class ConfluentRegistryClientTest {
  private ConfluentRegistryClient client;

  @BeforeEach
  void freshClient() {
    client =
        new ConfluentRegistryClient(
            RegistrySettings.of(SharedLocalStack.get().registryUrl())
                .withLatestTtl(Duration.ofHours(1)));
  }

  /** Registering returns an id; the same schema again, even reformatted, gets the same id. */
  @Test
  void registeringTheSameSchemaAgainGivesTheSameId() {
    String subject = uniqueSubject("same-id");
    String schema = version1(uniqueNamespace());

    int id = client.register(subject, schema);
    String reformatted = schema.replace(",", ", ").replace(":", " : ");
    ConfluentRegistryClient other = new ConfluentRegistryClient(client.settings());

    assertThat(other.register(subject, schema)).isEqualTo(id);
    assertThat(other.register(subject, reformatted)).isEqualTo(id);
    assertThat(other.latest(subject).version()).isEqualTo(1);
  }

  /** A second register call with the same schema is answered from the cache. */
  @Test
  void registeringTwiceSendsOneRequest() {
    String subject = uniqueSubject("register-cache");
    String schema = version1(uniqueNamespace());

    int first = client.register(subject, schema);
    int second = client.register(subject, schema);

    assertThat(second).isEqualTo(first);
    assertThat(client.httpRequestCount()).isEqualTo(1);
  }

  /** Schema by id returns the registered schema; a second lookup sends no request. */
  @Test
  void fetchesSchemaByIdOnceAndCachesIt() {
    String subject = uniqueSubject("by-id");
    String schema = version1(uniqueNamespace());
    int id = new ConfluentRegistryClient(client.settings()).register(subject, schema);

    String fetched = client.schemaById(id);
    String again = client.schemaById(id);

    assertThat(new Schema.Parser().parse(fetched)).isEqualTo(new Schema.Parser().parse(schema));
    assertThat(again).isEqualTo(fetched);
    assertThat(client.httpRequestCount()).isEqualTo(1);
  }

  /**
   * Threads that miss the cache for one id at the same moment share one request: a runtime's
   * decoder threads all start on the same first records.
   */
  @Test
  void concurrentLookupsOfOneIdSendOneRequest() throws Exception {
    int id =
        new ConfluentRegistryClient(client.settings())
            .register(uniqueSubject("concurrent"), version1(uniqueNamespace()));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<String>> lookups = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        lookups.add(
            pool.submit(
                () -> {
                  start.await();
                  return client.schemaById(id);
                }));
      }
      start.countDown();
      Set<String> schemas = new HashSet<>();
      for (Future<String> lookup : lookups) {
        schemas.add(lookup.get(60, TimeUnit.SECONDS));
      }

      assertThat(schemas).hasSize(1);
      assertThat(client.httpRequestCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Latest names the newest version with its id and schema, and is cached within its TTL. */
  @Test
  void latestIsTheNewestVersionAndIsCachedUntilARegistration() {
    String subject = uniqueSubject("latest");
    String namespace = uniqueNamespace();
    int firstId = client.register(subject, version1(namespace));
    int secondId = client.register(subject, withDefaultedField(namespace));
    long requestsBefore = client.httpRequestCount();

    RegisteredSchema latest = client.latest(subject);
    RegisteredSchema cached = client.latest(subject);

    assertThat(secondId).isNotEqualTo(firstId);
    assertThat(latest.subject()).isEqualTo(subject);
    assertThat(latest.id()).isEqualTo(secondId);
    assertThat(latest.version()).isEqualTo(2);
    assertThat(new Schema.Parser().parse(latest.schema()))
        .isEqualTo(new Schema.Parser().parse(withDefaultedField(namespace)));
    assertThat(cached).isEqualTo(latest);
    assertThat(client.httpRequestCount() - requestsBefore).isEqualTo(1);
  }

  /** A zero TTL turns the latest cache off. */
  @Test
  void zeroTtlAsksForLatestEveryTime() {
    ConfluentRegistryClient uncached =
        new ConfluentRegistryClient(client.settings().withLatestTtl(Duration.ZERO));
    String subject = uniqueSubject("latest-uncached");
    uncached.register(subject, version1(uniqueNamespace()));

    uncached.latest(subject);
    uncached.latest(subject);

    assertThat(uncached.httpRequestCount()).isEqualTo(3);
  }

  /**
   * Under BACKWARD (set through the registry's REST API, which the client does not need), a field
   * added with a default registers; one added without a default is incompatible, and registering it
   * fails with the typed 409 error naming the subject.
   */
  @Test
  void backwardCompatibilityAcceptsDefaultedFieldsAndRefusesRequiredOnes() {
    String subject = uniqueSubject("compat");
    String namespace = uniqueNamespace();
    client.register(subject, version1(namespace));

    setBackwardCompatibility(subject);

    assertThatThrownBy(() -> client.register(subject, withRequiredField(namespace)))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class,
            e -> {
              assertThat(e.subject()).isEqualTo(subject);
              assertThat(e.httpStatus()).isEqualTo(409);
            })
        .hasMessageContaining(subject);
    assertThat(client.register(subject, withDefaultedField(namespace))).isPositive();
    assertThat(client.latest(subject).version()).isEqualTo(2);
  }

  /** An id the registry never gave out is the ports' not-found error, naming the id. */
  @Test
  void unknownIdIsSchemaNotFoundNamingTheId() {
    assertThatThrownBy(() -> client.schemaById(987_654_321))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessageContaining("987654321")
        .hasMessageContaining("40403");
  }

  /** Failures are not cached: an id asked for before it existed resolves once registered. */
  @Test
  void unknownIdIsAskedAgainNextTime() {
    assertThatThrownBy(() -> client.schemaById(987_654_322))
        .isInstanceOf(SchemaNotFoundException.class);
    assertThatThrownBy(() -> client.schemaById(987_654_322))
        .isInstanceOf(SchemaNotFoundException.class);

    assertThat(client.httpRequestCount()).isEqualTo(2);
  }

  /** An unknown subject is the typed 40401 error, naming the subject. */
  @Test
  void unknownSubjectIsSubjectNotFoundNamingTheSubject() {
    String subject = uniqueSubject("missing");

    assertThatThrownBy(() -> client.latest(subject))
        .isInstanceOfSatisfying(
            SubjectNotFoundException.class,
            e -> {
              assertThat(e.subject()).isEqualTo(subject);
              assertThat(e.errorCode()).isEqualTo(40401);
            })
        .hasMessageContaining(subject);
  }

  /** Subjects are one URL path segment whatever they contain. */
  @Test
  void subjectsWithSlashesSpacesAndPercentSignsRoundTrip() {
    String subject = "client/odd name %2F+" + uniqueSubject("escaped");
    String schema = version1(uniqueNamespace());

    int id = client.register(subject, schema);
    RegisteredSchema latest = client.latest(subject);

    assertThat(latest.subject()).isEqualTo(subject);
    assertThat(latest.id()).isEqualTo(id);
  }

  /** A schema that is not Avro is refused before any request, naming the subject. */
  @Test
  void invalidSchemaIsRefusedWithoutARequest() {
    String subject = uniqueSubject("invalid");
    String undefinedType =
        "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"nosuch\"}]}";

    assertThatThrownBy(() -> client.register(subject, undefinedType))
        .isInstanceOfSatisfying(
            InvalidSchemaException.class, e -> assertThat(e.subject()).isEqualTo(subject))
        .hasMessageContaining(subject)
        .hasMessageContaining("nosuch");
    assertThatThrownBy(() -> client.register(subject, "not json"))
        .isInstanceOf(InvalidSchemaException.class);
    assertThat(client.httpRequestCount()).isZero();
  }

  /** A base URL missing the Confluent API path gets an error that says so. */
  @Test
  void wrongBasePathIsExplained() {
    String root = SharedLocalStack.get().registryUrl().replace("/apis/ccompat/v7", "");
    ConfluentRegistryClient misconfigured = new ConfluentRegistryClient(RegistrySettings.of(root));

    assertThatThrownBy(() -> misconfigured.latest(uniqueSubject("wrong-path")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("/apis/ccompat/v7");
  }

  private static void setBackwardCompatibility(String subject) {
    URI config =
        URI.create(
            SharedLocalStack.get().registryUrl()
                + "/config/"
                + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20"));
    HttpRequest put =
        HttpRequest.newBuilder(config)
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}"))
            .build();
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as("PUT %s: %s", config, answer.body()).isEqualTo(200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
