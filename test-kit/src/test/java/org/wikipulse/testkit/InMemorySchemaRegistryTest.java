package org.wikipulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wikipulse.ports.RegisteredSchema;
import org.wikipulse.ports.RegistryConnector;
import org.wikipulse.ports.SchemaNotFoundException;

class InMemorySchemaRegistryTest {
  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
  private static final String V1_SPACED =
      "{ \"type\" : \"record\", \"fields\" : [ {\"type\":\"string\", \"name\":\"a\"} ],"
          + " \"name\" : \"R\" }";
  private static final String WITH_DEFAULT =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":\"long\",\"default\":0}]}";
  private static final String WITHOUT_DEFAULT =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":\"long\"}]}";
  private static final String OTHER_DEFAULT =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":\"long\",\"default\":1}]}";

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  void idsStartAtOneAndTheSameSchemaGetsTheSameIdUnderAnySubject() {
    assertThat(registry.register("s-value", V1)).isEqualTo(1);
    assertThat(registry.register("s-value", V1_SPACED)).isEqualTo(1);
    assertThat(registry.register("other-value", V1)).isEqualTo(1);
    assertThat(registry.register("s-value", WITH_DEFAULT)).isEqualTo(2);
    assertThat(registry.register("s-value", OTHER_DEFAULT))
        .as("a different default is a different schema")
        .isEqualTo(3);
    assertThat(registry.schemaById(2)).isEqualTo(WITH_DEFAULT);
  }

  @Test
  void latestIsTheNewestVersionOfTheSubject() {
    registry.register("s-value", V1);
    registry.register("s-value", WITH_DEFAULT);
    registry.register("s-value", V1);

    assertThat(registry.latest("s-value"))
        .isEqualTo(new RegisteredSchema("s-value", 2, 2, WITH_DEFAULT));
    registry.register("other-value", V1_SPACED);
    assertThat(registry.latest("other-value"))
        .isEqualTo(new RegisteredSchema("other-value", 1, 1, V1));
  }

  @Test
  void unknownIdsAndSubjectsAreNotFound() {
    registry.register("s-value", V1);

    assertThatThrownBy(() -> registry.schemaById(2))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessageContaining("Schema id 2");
    assertThatThrownBy(() -> registry.schemaById(0)).isInstanceOf(SchemaNotFoundException.class);
    assertThatThrownBy(() -> registry.latest("nope-value"))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessageContaining("nope-value");
  }

  @Test
  void anInvalidSchemaIsRefused() {
    assertThatThrownBy(() -> registry.register("s-value", "{\"type\":\"recrod\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid Avro schema");
  }

  @Test
  void concurrentRegistrationsAgreeOnIds() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> ids = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String schema = i % 2 == 0 ? V1 : WITH_DEFAULT;
        ids.add(pool.submit(() -> registry.register("s-value", schema)));
      }
      Set<Integer> distinct =
          ids.stream().map(InMemorySchemaRegistryTest::get).collect(Collectors.toSet());
      assertThat(distinct).containsExactlyInAnyOrder(1, 2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void namedRegistriesAreOnePerNameAndAConnectorFindsItsOneAfterSerialization() throws Exception {
    InMemorySchemaRegistry named = InMemorySchemaRegistry.named("registry-test-a");
    assertThat(InMemorySchemaRegistry.named("registry-test-a")).isSameAs(named);
    assertThat(InMemorySchemaRegistry.named("registry-test-b")).isNotSameAs(named);

    RegistryConnector shipped =
        JavaSerialization.roundTrip(new InMemoryRegistryConnector("registry-test-a"));
    assertThat(shipped.connect()).isSameAs(named);
  }

  private static Integer get(Future<Integer> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
