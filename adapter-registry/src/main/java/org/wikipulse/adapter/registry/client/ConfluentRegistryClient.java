package org.wikipulse.adapter.registry.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.wikipulse.ports.RegisteredSchema;
import org.wikipulse.ports.RegistryUnavailableException;
import org.wikipulse.ports.SchemaRegistry;

/**
 * A client of the Confluent Schema Registry REST API, which Confluent's registry, Apicurio (under
 * {@code /apis/ccompat/v7}), Karapace and Redpanda all serve. Thread-safe; share one per JVM
 * through {@link RegistrySettings#connect()}.
 *
 * <p>Caching: a schema id names immutable content, so schemas by id and ids by (subject, schema)
 * are kept for the life of the client; the latest version of a subject is kept for {@link
 * RegistrySettings#latestTtl()}.
 *
 * <p>Schemas are sent in Avro's normalized form ({@link Schema#toString()}): Apicurio compares
 * schema text byte for byte, so the same schema with other whitespace would get a new id and a new
 * version there, where Confluent's registry returns the existing id.
 *
 * <p>Where Apicurio 2.6's {@code /apis/ccompat/v7} differs from Confluent's registry, as seen
 * against 2.6.13.Final:
 *
 * <ul>
 *   <li>Schema text is compared byte for byte (see above); ids are content ids, so the same schema
 *       under two subjects has one id, as on Confluent.
 *   <li>The default compatibility level is {@code NONE} (Confluent: {@code BACKWARD}); set it per
 *       subject where it matters.
 *   <li>A compatibility check against a subject with no versions answers 404 with 40402 ("no
 *       version 'latest'"), not 40401; {@link SubjectNotFoundException} either way.
 *   <li>{@code GET /config/{subject}} of a subject with no versions answers 40401 instead of the
 *       global level.
 *   <li>Every invalid schema gets 422 with 42201 "Failed to discover artifact type from content";
 *       this client parses schemas before sending them, so the error says what is wrong.
 *   <li>An incompatible registration answers 409 with {@code error_code} 409, as Confluent does.
 * </ul>
 */
public final class ConfluentRegistryClient implements SchemaRegistry {
  private final RegistrySettings settings;
  private final RegistryHttp http;
  private final ConcurrentMap<Integer, CompletableFuture<String>> schemasById =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CachedLatest> latestBySubject = new ConcurrentHashMap<>();
  private final LongAdder schemaLookups = new LongAdder();
  private final LongAdder schemaCacheHits = new LongAdder();

  /**
   * A client with caches of its own. Prefer {@link RegistrySettings#connect()}, which shares one
   * client per settings in the JVM.
   */
  public ConfluentRegistryClient(RegistrySettings settings) {
    this.settings = settings;
    this.http = new RegistryHttp(settings);
  }

  public RegistrySettings settings() {
    return settings;
  }

  /**
   * Every HTTP request this client has sent, retries included. Cache hits send none, so tests and
   * metrics can see that decoding does not call the registry per record.
   */
  public long httpRequestCount() {
    return http.requestsSent();
  }

  /** Writer schemas asked for by id, whether from the cache or the registry. */
  public long schemaLookups() {
    return schemaLookups.sum();
  }

  /** Lookups by id answered from the cache (or by a fetch already under way for that id). */
  public long schemaCacheHits() {
    return schemaCacheHits.sum();
  }

  /**
   * @throws InvalidSchemaException if the schema is not valid Avro
   * @throws IncompatibleSchemaException if the subject's compatibility level refuses it
   */
  @Override
  public int register(String subject, String schema) {
    requireSubject(subject);
    String normalized = normalized(subject, schema);
    SubjectSchema key = new SubjectSchema(subject, normalized);
    Integer known = idsBySubjectSchema.get(key);
    if (known != null) {
      return known;
    }
    String url = "/subjects/" + RegistryHttp.pathSegment(subject) + "/versions";
    RequestTarget target = RequestTarget.subject(subject);
    String body = http.post(url, new RegistryJson.SchemaRequest(normalized), target);
    Integer id = RegistryJson.read(body, RegistryJson.IdResponse.class, url).id();
    if (id == null) {
      throw unexpected(body, url, "an id");
    }
    idsBySubjectSchema.put(key, id);
    latestBySubject.remove(subject);
    return id;
  }

  /**
   * @throws org.wikipulse.ports.SchemaNotFoundException if the registry has no schema with this id
   */
  @Override
  public String schemaById(int id) {
    CompletableFuture<String> fetch = new CompletableFuture<>();
    CompletableFuture<String> earlier = schemasById.putIfAbsent(id, fetch);
    schemaLookups.increment();
    if (earlier != null) {
      schemaCacheHits.increment();
      return awaitEarlierFetch(earlier);
    }
    try {
      String schema = fetchSchemaById(id);
      fetch.complete(schema);
      return schema;
    } catch (RuntimeException e) {
      // Failures are not cached: an unknown id may be registered later, an outage may end.
      schemasById.remove(id, fetch);
      fetch.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * @throws SubjectNotFoundException if the subject does not exist or has no versions
   */
  @Override
  public RegisteredSchema latest(String subject) {
    requireSubject(subject);
    long now = System.nanoTime();
    CachedLatest cached = latestBySubject.get(subject);
    if (cached != null && now - cached.fetchedAtNanos() < settings.latestTtl().toNanos()) {
      return cached.schema();
    }
    RegisteredSchema latest = fetchVersion(subject, "latest");
    if (!settings.latestTtl().isZero()) {
      latestBySubject.put(subject, new CachedLatest(latest, now));
    }
    return latest;
  }

  /**
   * Asks the registry for its subjects ({@code GET /subjects}), the cheapest request that proves it
   * answers as a Confluent-compatible registry with these credentials: what the launcher checks
   * before it starts a command, and what its readiness probe repeats.
   *
   * @throws RegistryUnavailableException if it does not answer within the retry budget
   * @throws RegistryAuthException if it refuses these credentials
   * @throws RegistryException if it answers another client error, such as 404 for a wrong base URL
   */
  public void checkReachable() {
    http.get("/subjects", RequestTarget.subjectList());
  }

  @Override
  public String toString() {
    return "ConfluentRegistryClient[" + settings + "]";
  }

  private String fetchSchemaById(int id) {
    String url = "/schemas/ids/" + id;
    String body = http.get(url, RequestTarget.schemaId(id));
    String schema = RegistryJson.read(body, RegistryJson.SchemaResponse.class, url).schema();
    if (schema == null) {
      throw unexpected(body, url, "a schema");
    }
    return schema;
  }

  private RegisteredSchema fetchVersion(String subject, String version) {
    String url = "/subjects/" + RegistryHttp.pathSegment(subject) + "/versions/" + version;
    String body = http.get(url, RequestTarget.subjectVersion(subject, version));
    RegistryJson.SubjectVersionResponse answer =
        RegistryJson.read(body, RegistryJson.SubjectVersionResponse.class, url);
    if (answer.id() == null || answer.version() == null || answer.schema() == null) {
      throw unexpected(body, url, "id, version and schema");
    }
    String registeredSubject = answer.subject() != null ? answer.subject() : subject;
    return new RegisteredSchema(registeredSubject, answer.id(), answer.version(), answer.schema());
  }

  private static String awaitEarlierFetch(CompletableFuture<String> earlier) {
    try {
      return earlier.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private RegistryException unexpected(String body, String path, String expected) {
    return new RegistryException(
        "Schema registry at "
            + settings.baseUrl()
            + path
            + " answered without "
            + expected
            + ": "
            + RegistryJson.abbreviate(body),
        200,
        200);
  }

  private static String normalized(String subject, String schema) {
    if (schema == null || schema.isBlank()) {
      throw new InvalidSchemaException(
          subject, "Schema for subject '" + subject + "' is empty", 0, 42201);
    }
    try {
      return new Schema.Parser().parse(schema).toString();
    } catch (AvroRuntimeException e) {
      throw new InvalidSchemaException(
          subject,
          "Schema for subject '" + subject + "' is not valid Avro: " + e.getMessage(),
          0,
          42201);
    }
  }

  private static void requireSubject(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
  }

  private record SubjectSchema(String subject, String schema) {}

  private record CachedLatest(RegisteredSchema schema, long fetchedAtNanos) {}
}
