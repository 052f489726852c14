package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's own lifecycle, apart from the shared stack: stop, clean up, stop again. */
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
