package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that is interrupted while waiting stops the child it launched. */
class ChildJvmTest {

  @TempDir Path workDir;

  @Test
  void interruptingTheWaitStopsTheChild() throws Exception {
    String testClasses =
        Path.of(
                ParentWatchingMainTest.RunsForever.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    List<String> arguments = new ArrayList<>(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1"));
    arguments.addAll(
        ChildJvm.parentWatchedMain(
            workDir, testClasses, ParentWatchingMainTest.RunsForever.class.getName()));
    ChildJvm child =
        ChildJvm.launch(
            "never-ready child", arguments, workDir, new ProcessLog(workDir.resolve("child.log")));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                child.awaitReady(() -> false, Duration.ofMinutes(5));
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    waiter.start();

    waiter.interrupt();
    waiter.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(waiter.isAlive()).as("waiter still waiting").isFalse();
    assertThat(thrown.get())
        .isInstanceOf(LocalStackStartException.class)
        .hasMessage("Interrupted while waiting for never-ready child to start");
    assertThat(ProcessHandle.of(child.pid()).filter(ProcessHandle::isAlive)).isEmpty();
  }
}
