package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child must not outlive its parent, even one killed without running its shutdown hooks: the
 * child sees its stdin end and exits.
 */
class ParentWatchingMainTest {

  @TempDir Path workDir;

  /** Stands in for the broker: a main that would run forever. */
  public static final class RunsForever {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("running with " + List.of(args));
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Test
  void childExitsWhenItsStdinEndsAsItDoesWhenTheParentDies() throws Exception {
    String testClasses =
        Path.of(RunsForever.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    List<String> command =
        new ArrayList<>(
            List.of(ChildJvm.javaExecutable().toString(), "-Xmx32m", "-XX:TieredStopAtLevel=1"));
    command.addAll(ChildJvm.parentWatchedMain(workDir, testClasses, RunsForever.class.getName()));
    command.add("an-argument");
    Path log = workDir.resolve("child.log");
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitLogLine(log, "running with [an-argument]", child);

      child.getOutputStream().close();

      assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child exited").isTrue();
      assertThat(child.exitValue()).isEqualTo(1);
      assertThat(Files.readString(log)).contains("Parent process is gone; shutting down.");
    } finally {
      child.destroyForcibly();
    }
  }

  private static void awaitLogLine(Path log, String line, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Child never printed '" + line + "': " + Files.readString(log));
  }
}
