package org.wikipulse.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class archive that the package phase makes is the one the launcher maps: a stale or missing
 * archive only slows a start, so nothing else would notice it.
 */
class ClassArchiveTest {
  /**
   * Purpose: {@code ./wikipulse} starts on the build's class archive and takes the app's classes
   * from it. Input: the launcher script with {@code -Xshare:on} (the JVM refuses to start without a
   * usable archive) and class-load logging. Pass: exit 0 and the app's main class loaded from the
   * archive ({@code shared objects file (top)}, the archive over the JDK's own).
   */
  @TempDir Path work;

  @Test
  void theLauncherMapsTheBuildsClassArchiveForTheAppsClasses() throws Exception {
    assertThat(PackagedApp.classArchive()).as("the package phase's class archive").isRegularFile();
    ProcessBuilder builder =
        new ProcessBuilder(PackagedApp.root().resolve("wikipulse").toString(), "--version")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("output.txt").toFile());
    builder.environment().put("WIKIPULSE_SKIP_BUILD", "1");
    builder.environment().put("WIKIPULSE_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:stdout");
    Process process = builder.start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    process.destroyForcibly();
    assertThat(ended).as("--version ends within 60 s").isTrue();
    List<String> lines = Files.readAllLines(work.resolve("output.txt"));
    assertThat(process.exitValue()).as("exit code; output:%n%s", tail(lines)).isZero();
    assertThat(lines)
        .as("the main class's load line")
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("org.wikipulse.app.WikipulseMain source: shared objects file (top)"));
  }

  private static String tail(List<String> lines) {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
