package org.wikipulse.archtests;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Checks every module's production classes (not tests) against the architecture rules. */
@AnalyzeClasses(packages = "org.wikipulse", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule layers = WikipulseArchitecture.LAYERS;

  @ArchTest static final ArchRule domainIsPureJava = WikipulseArchitecture.DOMAIN_IS_PURE_JAVA;

  @ArchTest
  static final ArchRule portsAreFrameworkFree = WikipulseArchitecture.PORTS_ARE_FRAMEWORK_FREE;

  @ArchTest
  static final ArchRule sparkWithoutKafkaStreams =
      WikipulseArchitecture.SPARK_ADAPTER_WITHOUT_KAFKA_STREAMS;

  @ArchTest
  static final ArchRule kafkaStreamsWithoutSpark =
      WikipulseArchitecture.KAFKA_STREAMS_ADAPTER_WITHOUT_SPARK;

  @ArchTest
  static final ArchRule adaptersAreIndependent = WikipulseArchitecture.ADAPTERS_ARE_INDEPENDENT;

  @ArchTest
  static final ArchRule testKitNeedsOnlyPortsAndAvro =
      WikipulseArchitecture.TEST_KIT_NEEDS_ONLY_PORTS_AND_AVRO;

  @ArchTest
  static final ArchRule topicsNeedOnlyKafkaClients =
      WikipulseArchitecture.TOPICS_NEED_ONLY_KAFKA_CLIENTS;

  @ArchTest
  static final ArchRule onlyTopicSetupCreatesTopics =
      WikipulseArchitecture.ONLY_TOPIC_SETUP_CREATES_TOPICS;

  @ArchTest
  static final ArchRule appKafkaWithoutRegistry = WikipulseArchitecture.APP_KAFKA_WITHOUT_REGISTRY;

  @ArchTest static final ArchRule noPackageCycles = WikipulseArchitecture.NO_PACKAGE_CYCLES;
}
