package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot succeed fails at once, with the child's own words in the message. */
class FailedStartTest {

  @TempDir Path workDir;

  @Test
  void registryFromACorruptJarFailsWithTheLogTail() throws IOException {
    Path notAJar = Files.writeString(workDir.resolve("not-a-registry-runner.jar"), "plain text");

    assertThatThrownBy(
            () ->
                ApicurioRegistryProcess.start(
                    notAJar, workDir.resolve("registry"), 0, Duration.ofSeconds(60)))
        .isInstanceOf(LocalStackStartException.class)
        .hasMessageContaining("Apicurio Registry exited with code 1 before it was ready")
        .hasMessageContaining("Last 30 lines of " + workDir.resolve("registry/registry.log"))
        .hasMessageContaining("Invalid or corrupt jarfile");
  }

  @Test
  void registryFromAMissingJarNamesThePath() {
    Path missing = workDir.resolve("missing-runner.jar");

    assertThatThrownBy(
            () -> ApicurioRegistryProcess.start(missing, workDir, 0, Duration.ofSeconds(60)))
        .isInstanceOf(LocalStackStartException.class)
        .hasMessageContaining("Apicurio Registry runner jar not found at " + missing);
  }

  @Test
  void brokerWithoutKafkaOnItsClasspathFailsWithTheLogTail() {
    assertThatThrownBy(
            () ->
                KafkaBrokerProcess.start(
                    workDir.toString(), workDir.resolve("kafka"), 0, Duration.ofSeconds(60)))
        .isInstanceOf(LocalStackStartException.class)
        .hasMessageContaining("Kafka storage format exited with code 1")
        .hasMessageContaining("kafka.tools.StorageTool");
  }

  @Test
  void brokerRefusesAWorkDirectoryLeftFromAnEarlierRun() throws IOException {
    Path kafkaDir = Files.createDirectories(workDir.resolve("kafka"));
    Files.writeString(kafkaDir.resolve("server.properties"), "node.id=7");

    assertThatThrownBy(() -> KafkaBrokerProcess.start(kafkaDir, 0))
        .isInstanceOf(LocalStackStartException.class)
        .hasMessageContaining("Work directory " + kafkaDir + " is not empty");
  }
}
