package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Command-line parsing, configuration errors and unreachable services, as a user sees them. */
class CommandLineTest {

  @AfterEach
  void restoreEnvironment() {
    ConfigOptions.environment = System.getenv();
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRun run = CliRun.of("frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument").contains("frobnicate");
  }

  @Test
  void ingestNeedsASource() {
    CliRun run = CliRun.of("ingest");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--source=SOURCE'");
  }

  @Test
  void anUnknownSourceIsAUsageError() {
    CliRun run = CliRun.of("ingest", "--source", "kafka");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--source must be wikimedia, file:PATH or generator");
  }

  /** A wrong value fails at start with exactly one line that names the key. */
  @Test
  void aBadValueIsOneLineNamingTheKey() {
    CliRun run = CliRun.of("run", "--set", "windows.slide=90s");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "wikipulse: Invalid configuration windows.slide=90s (from --set): must not be larger"
                + " than windows.size (1m)"
                + System.lineSeparator());
  }

  @Test
  void anUnknownKeyIsOneLine() {
    CliRun run = CliRun.of("consume", "--topic", "t", "--set", "registry.uri=http://x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "wikipulse: Unknown configuration key 'registry.uri' (from --set); did you mean"
                + " 'registry.url'?");
  }

  @Test
  void anUnknownRuntimeListsTheAvailableOnes() {
    CliRun run = CliRun.of("run", "--runtime", "flink");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("wikipulse: Invalid configuration runtime=flink: no such runtime; available: ")
        .contains("kafka-streams");
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    ConfigOptions.environment =
        Map.of("WIKIPULSE_TOPICS_INPUT", "edits", "WIKIPULSE_WINDOWS_SIZE", "2m");

    CliRun run = CliRun.of("config", "--set", "windows.slide=1m");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("topics.input +edits +WIKIPULSE_TOPICS_INPUT")
        .containsPattern("subjects.input +edits-value")
        .containsPattern("windows.size +2m")
        .containsPattern("windows.slide +1m");
  }

  /** An unreachable broker fails at once, naming the address, without a stack trace. */
  @Test
  void anUnreachableBrokerFailsNamingTheAddress() throws IOException {
    int port = closedPort();

    CliRun run =
        CliRun.of(
            "consume",
            "--topic",
            "t",
            "--set",
            "kafka.bootstrap-servers=127.0.0.1:" + port,
            "--set",
            "connect-timeout=2s");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith(
            "wikipulse: Kafka broker not reachable at 127.0.0.1:" + port + " (connection refused)");
  }

  /** Something that accepts connections but is not Kafka fails within the connect timeout. */
  @Test
  void aSilentServerIsNotTakenForABroker() throws IOException {
    try (ServerSocket silent = new ServerSocket(0)) {
      CliRun run =
          CliRun.of(
              "ingest",
              "--source",
              "generator",
              "--set",
              "kafka.bootstrap-servers=127.0.0.1:" + silent.getLocalPort(),
              "--set",
              "connect-timeout=1s");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.err().lines())
          .singleElement()
          .asString()
          .contains("127.0.0.1:" + silent.getLocalPort())
          .contains("did not answer as a Kafka broker");
    }
  }

  @Test
  void helpListsEveryCommand() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("demo", "run", "ingest", "consume", "local", "config");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"demo", "run", "ingest", "consume", "local", "config"}) {
      CliRun run = CliRun.of(command, "--help");

      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).startsWith("Usage: wikipulse " + command);
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
