package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's own lifecycle, apart from the shared stack. */
class KafkaBrokerProcessTest {

  @TempDir Path tempDir;

  @Test
  void closeStopsTheBrokerAndDeletesItsWorkDirectoryAndIsIdempotent() throws Exception {
    Path workDir = tempDir.resolve("kafka");
    KafkaBrokerProcess broker = KafkaBrokerProcess.start(workDir, 0);
    long pid = broker.pid();
    int port = Integer.parseInt(broker.bootstrapServers().split(":")[1]);
    assertThat(Files.readString(broker.logFile())).contains("Kafka Server started");

    broker.close();
    broker.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(workDir).doesNotExist();
    assertThatThrownBy(() -> connect(port)).isInstanceOf(IOException.class);
  }

  @Test
  void startsAgainOnOtherPortsWhenAChosenPortWasTakenMeanwhile() throws Exception {
    Path workDir = tempDir.resolve("kafka");
    List<Integer> controllerPortsTried = new ArrayList<>();
    try (ServerSocket takenMeanwhile = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      IntUnaryOperator firstTakenThenFree =
          brokerPort -> {
            int port =
                controllerPortsTried.isEmpty()
                    ? takenMeanwhile.getLocalPort()
                    : FreePort.pickOtherThan(brokerPort);
            controllerPortsTried.add(port);
            return port;
          };

      try (KafkaBrokerProcess broker =
          KafkaBrokerProcess.start(
              LocalStackInstallation.load().kafkaBrokerClasspath(),
              workDir,
              0,
              KafkaBrokerProcess.DEFAULT_START_TIMEOUT,
              firstTakenThenFree)) {
        connect(Integer.parseInt(broker.bootstrapServers().split(":")[1]));
        assertThat(Files.readString(broker.logFile()))
            .contains("Kafka Server started")
            .doesNotContain("Address already in use");
      }
    }
    assertThat(controllerPortsTried).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void clusterIdsAreKafkaUuidsThatNoCommandLineMistakesForAnOption() {
    for (int i = 0; i < 200; i++) {
      String id = KafkaBrokerProcess.randomClusterId();
      assertThat(id).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
    }
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    }
  }
}
