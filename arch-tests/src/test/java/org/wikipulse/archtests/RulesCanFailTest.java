package org.wikipulse.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.kstreams.violation.KafkaStreamsUsingSpark;
import org.wikipulse.adapter.registry.violation.RegistryHelper;
import org.wikipulse.adapter.registry.violation.RegistryUsingApp;
import org.wikipulse.adapter.spark.violation.SparkCallingRegistryAdapter;
import org.wikipulse.adapter.spark.violation.SparkUsingKafkaStreams;
import org.wikipulse.app.kafka.violation.KafkaPackageCheckingTheRegistry;
import org.wikipulse.app.violation.AppCreatingTopics;
import org.wikipulse.app.violation.AppThing;
import org.wikipulse.cycle.a.A;
import org.wikipulse.cycle.b.B;
import org.wikipulse.domain.violation.DomainUsingAvro;
import org.wikipulse.domain.violation.DomainUsingPorts;
import org.wikipulse.ports.violation.PortUsingJackson;
import org.wikipulse.testkit.violation.TestKitUsingRegistryAdapter;
import org.wikipulse.topics.violation.TopicsUsingPorts;

/**
 * Proves each rule can fail: a deliberately bad class from this module's test sources, which the
 * real check never sees, must be reported, by name.
 */
class RulesCanFailTest {

  private static void assertViolation(ArchRule rule, String expected, Class<?>... classes) {
    JavaClasses imported = new ClassFileImporter().importClasses(classes);
    EvaluationResult result = rule.allowEmptyShould(true).evaluate(imported);
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(expected);
  }

  @Test
  void domainUsingAFrameworkIsReported() {
    assertViolation(
        WikipulseArchitecture.DOMAIN_IS_PURE_JAVA, "org.apache.avro.Schema", DomainUsingAvro.class);
  }

  @Test
  void domainUsingAPortIsReportedByTheLayers() {
    assertViolation(
        WikipulseArchitecture.LAYERS,
        DomainUsingPorts.class.getName(),
        DomainUsingPorts.class,
        org.wikipulse.ports.PipelineProgress.class);
  }

  @Test
  void aPortExposingJacksonIsReported() {
    assertViolation(
        WikipulseArchitecture.PORTS_ARE_FRAMEWORK_FREE,
        "com.fasterxml.jackson.databind.JsonNode",
        PortUsingJackson.class);
  }

  @Test
  void sparkUsingKafkaStreamsIsReported() {
    assertViolation(
        WikipulseArchitecture.SPARK_ADAPTER_WITHOUT_KAFKA_STREAMS,
        "org.apache.kafka.streams.Topology",
        SparkUsingKafkaStreams.class);
  }

  @Test
  void kafkaStreamsUsingSparkIsReported() {
    assertViolation(
        WikipulseArchitecture.KAFKA_STREAMS_ADAPTER_WITHOUT_SPARK,
        "org.apache.spark.sql.Dataset",
        KafkaStreamsUsingSpark.class);
  }

  @Test
  void oneAdapterCallingAnotherIsReported() {
    assertViolation(
        WikipulseArchitecture.ADAPTERS_ARE_INDEPENDENT,
        RegistryHelper.class.getName(),
        SparkCallingRegistryAdapter.class,
        RegistryHelper.class);
  }

  @Test
  void anAdapterUsingTheAppIsReportedByTheLayers() {
    assertViolation(
        WikipulseArchitecture.LAYERS,
        AppThing.class.getName(),
        RegistryUsingApp.class,
        AppThing.class);
  }

  @Test
  void theTestKitUsingTheRegistryAdapterIsReported() {
    assertViolation(
        WikipulseArchitecture.TEST_KIT_NEEDS_ONLY_PORTS_AND_AVRO,
        "org.wikipulse.adapter.registry.schema.AvroSchemas",
        TestKitUsingRegistryAdapter.class);
  }

  @Test
  void topicSetupUsingPortsIsReported() {
    assertViolation(
        WikipulseArchitecture.TOPICS_NEED_ONLY_KAFKA_CLIENTS,
        "org.wikipulse.ports.PipelineSpec",
        TopicsUsingPorts.class);
  }

  @Test
  void creatingATopicOutsideTopicSetupIsReported() {
    assertViolation(
        WikipulseArchitecture.ONLY_TOPIC_SETUP_CREATES_TOPICS,
        AppCreatingTopics.class.getName() + ".create(",
        AppCreatingTopics.class);
  }

  @Test
  void theAppsKafkaPackageCheckingTheRegistryIsReported() {
    assertViolation(
        WikipulseArchitecture.APP_KAFKA_WITHOUT_REGISTRY,
        "java.net.http.HttpClient",
        KafkaPackageCheckingTheRegistry.class);
  }

  @Test
  void aPackageCycleIsReported() {
    assertViolation(WikipulseArchitecture.NO_PACKAGE_CYCLES, "Cycle detected", A.class, B.class);
  }
}
