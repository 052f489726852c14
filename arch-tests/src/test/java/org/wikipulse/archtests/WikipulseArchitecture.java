package org.wikipulse.archtests;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import org.apache.kafka.clients.admin.Admin;

/**
 * The rules that keep wikipulse hexagonal. Each rule names what it protects.
 *
 * <p>When a rule fails: do not weaken it. Move the offending code to the module whose job it is
 * (framework code into an adapter, shared rules into domain, a new capability behind a port), or,
 * if the architecture really must change, change the rule here in its own commit with the reason.
 */
final class WikipulseArchitecture {
  static final String ROOT = "org.wikipulse..";
  static final String DOMAIN = "org.wikipulse.domain..";
  static final String PORTS = "org.wikipulse.ports..";
  static final String REGISTRY = "org.wikipulse.adapter.registry..";
  static final String KSTREAMS = "org.wikipulse.adapter.kstreams..";
  static final String SPARK = "org.wikipulse.adapter.spark..";
  static final String LOCAL_STACK = "org.wikipulse.localstack..";
  static final String TOPICS = "org.wikipulse.topics..";
  static final String APP = "org.wikipulse.app..";
  static final String CONTRACT = "org.wikipulse.contract..";
  static final String TEST_KIT = "org.wikipulse.testkit..";

  private WikipulseArchitecture() {}

  /**
   * Domain at the centre, ports around it, adapters outside, the app on top. Runtimes are reached
   * only through {@code ServiceLoader}, so nothing may reference them; adapters never reference
   * each other. The runtime contract suite is test code in an ordinary artifact: it may use the
   * registry adapter to write records, and only tests use it. The test kit (generator, in-memory
   * registry, sample events) sits below the registry adapter, so that the adapter's own tests can
   * use it; in production only the app's generator source and the contract suite reach it. Topic
   * creation (kafka-topics) sits beside ports: the app and both runtimes call it, it calls none of
   * them.
   */
  static final ArchRule LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage(ROOT)
          .layer("Domain")
          .definedBy(DOMAIN)
          .layer("Ports")
          .definedBy(PORTS)
          .layer("Registry adapter")
          .definedBy(REGISTRY)
          .layer("Kafka Streams adapter")
          .definedBy(KSTREAMS)
          .layer("Spark adapter")
          .definedBy(SPARK)
          .layer("Local stack")
          .definedBy(LOCAL_STACK)
          .layer("Kafka topics")
          .definedBy(TOPICS)
          .layer("App")
          .definedBy(APP)
          .layer("Runtime contract")
          .definedBy(CONTRACT)
          .layer("Test kit")
          .definedBy(TEST_KIT)
          .whereLayer("App")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Runtime contract")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Kafka Streams adapter")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Spark adapter")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Registry adapter")
          .mayOnlyBeAccessedByLayers("App", "Runtime contract")
          .whereLayer("Test kit")
          .mayOnlyBeAccessedByLayers("App", "Runtime contract")
          .whereLayer("Local stack")
          .mayOnlyBeAccessedByLayers("App", "Runtime contract")
          .whereLayer("Kafka topics")
          .mayOnlyBeAccessedByLayers(
              "App", "Kafka Streams adapter", "Spark adapter", "Runtime contract")
          .whereLayer("Ports")
          .mayOnlyBeAccessedByLayers(
              "Registry adapter",
              "Kafka Streams adapter",
              "Spark adapter",
              "App",
              "Runtime contract",
              "Test kit")
          .whereLayer("Domain")
          .mayOnlyBeAccessedByLayers(
              "Ports",
              "Registry adapter",
              "Kafka Streams adapter",
              "Spark adapter",
              "App",
              "Runtime contract",
              "Test kit");

  /** The domain is pure Java: the JDK and itself. */
  static final ArchRule DOMAIN_IS_PURE_JAVA =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", DOMAIN)
          .as("domain depends only on java.. and itself");

  /** Ports describe, they do not implement: no framework may leak into them. */
  static final ArchRule PORTS_ARE_FRAMEWORK_FREE =
      noClasses()
          .that()
          .resideInAPackage(PORTS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.spark..",
              "org.apache.kafka..",
              "scala..",
              "org.apache.avro..",
              "com.fasterxml.jackson..")
          .as("ports depend on nothing of Spark, Kafka, Scala, Avro or Jackson");

  /** The Spark runtime must not lean on Kafka Streams. */
  static final ArchRule SPARK_ADAPTER_WITHOUT_KAFKA_STREAMS =
      noClasses()
          .that()
          .resideInAPackage(SPARK)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka.streams..")
          .as("the Spark adapter never touches Kafka Streams");

  /** The Kafka Streams runtime must not lean on Spark. */
  static final ArchRule KAFKA_STREAMS_ADAPTER_WITHOUT_SPARK =
      noClasses()
          .that()
          .resideInAPackage(KSTREAMS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.spark..", "scala..")
          .as("the Kafka Streams adapter never touches Spark or Scala");

  /** Each adapter stands alone; what they share lives in domain or ports. */
  static final ArchRule ADAPTERS_ARE_INDEPENDENT =
      slices()
          .matching("org.wikipulse.adapter.(*)..")
          .should()
          .notDependOnEachOther()
          .as("adapters never depend on each other");

  /**
   * The test kit sits below every adapter, so that their tests can use it: ports, domain, Avro and
   * the JDK only.
   */
  static final ArchRule TEST_KIT_NEEDS_ONLY_PORTS_AND_AVRO =
      classes()
          .that()
          .resideInAPackage(TEST_KIT)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "org.apache.avro..", PORTS, DOMAIN, TEST_KIT)
          .as("the test kit depends only on java.., Avro, ports, domain and itself");

  /**
   * Topic creation has one owner, shared by the app and both runtimes: Kafka's clients, SLF4J and
   * the JDK only, so that neither runtime's engine nor any wikipulse layer comes with it.
   */
  static final ArchRule TOPICS_NEED_ONLY_KAFKA_CLIENTS =
      classes()
          .that()
          .resideInAPackage(TOPICS)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "org.apache.kafka.clients..",
              "org.apache.kafka.common..",
              "org.slf4j..",
              TOPICS)
          .as("kafka-topics depends only on java.., Kafka's clients, SLF4J and itself");

  /**
   * Only {@code org.wikipulse.topics} creates topics, so that a topic gets the settings its job
   * needs whoever creates it first. The contract suite's test clients are test code that creates
   * the topics a test feeds.
   */
  static final ArchRule ONLY_TOPIC_SETUP_CREATES_TOPICS =
      noClasses()
          .that()
          .resideOutsideOfPackages(TOPICS, CONTRACT)
          .should()
          .callMethodWhere(
              target(name("createTopics")).and(target(owner(assignableTo(Admin.class)))))
          .as("only org.wikipulse.topics creates topics");

  /**
   * The app's Kafka package is about Kafka: the registry is reached through the registry client,
   * from the app's registry package, not from a package named after Kafka.
   */
  static final ArchRule APP_KAFKA_WITHOUT_REGISTRY =
      noClasses()
          .that()
          .resideInAPackage("org.wikipulse.app.kafka..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(REGISTRY, "java.net.http..")
          .as("the app's kafka package neither uses the registry adapter nor sends HTTP requests");

  /** Packages form a directed graph. */
  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("org.wikipulse.(**)").should().beFreeOfCycles().as("no package cycles");
}
