package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the pair: a failure of either fails the whole and leaves no child process behind. */
class LocalStackTest {

  @TempDir Path workDir;

  @Test
  void aTakenRegistryPortFailsTheWholeStackAndLeavesNoChildRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int registryPort = taken.getLocalPort();

      assertThatThrownBy(() -> LocalStack.start(workDir, 0, registryPort))
          .isInstanceOf(LocalStackStartException.class)
          .hasMessageContaining("Port " + registryPort + " on 127.0.0.1 is already in use");
    }

    assertThat(childrenWorkingIn(workDir)).isEmpty();
  }

  private static List<String> childrenWorkingIn(Path dir) {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .map(child -> child.info().commandLine().orElse(""))
        .filter(commandLine -> commandLine.contains(dir.toString()))
        .toList();
  }
}
