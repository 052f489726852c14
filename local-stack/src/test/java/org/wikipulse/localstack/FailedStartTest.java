package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot succeed fails at once, with the child's own words in the message. */
class FailedStartTest {

  @TempDir Path workDir;

  @Test
  void registryThatDiesOnStartFailsWithTheLogTail() throws IOException {
    Path jarWithoutItsMainClass = workDir.resolve("registry-runner.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "no.such.RegistryMain");
    try (OutputStream out = Files.newOutputStream(jarWithoutItsMainClass)) {
      new JarOutputStream(out, manifest).close();
    }

    assertThatThrownBy(
            () ->
                ApicurioRegistryProcess.start(
                    jarWithoutItsMainClass, workDir.resolve("registry"), 0, Duration.ofSeconds(60)))
        .isInstanceOf(LocalStackStartException.class)
        .hasMessageContaining("Apicurio Registry exited with code 1 before it was ready")
        .hasMessageContaining("Last 30 lines of " + workDir.resolve("registry/registry.log"))
        .hasMessageContaining("ClassNotFoundException: no.such.RegistryMain");
  }

  @Test
  void registryFromAFileThatIsNoJarSaysSo() throws IOException {
    Path notAJar = Files.writeString(workDir.resolve("not-a-jar.jar"), "plain text");

    assertThatThrownBy(
            () -> ApicurioRegistryProcess.start(notAJar, workDir, 0, Duration.ofSeconds(60)))
        .isInstanceOf(LocalStackStartException.class)
        .hasMessageContaining("Cannot read " + notAJar + " as a jar");
  }

  @Test
  void registryOnAPortInUseFailsBeforeStarting() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> ApicurioRegistryProcess.start(workDir, port))
          .isInstanceOf(LocalStackStartException.class)
          .hasMessage(
              "Port " + port + " on 127.0.0.1 is already in use: choose another or 0 for any");
    }
    assertThat(workDir.resolve("registry.log")).doesNotExist();
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
