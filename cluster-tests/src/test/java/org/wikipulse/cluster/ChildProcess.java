package org.wikipulse.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.wikipulse.localstack.ParentWatchingMain;

/**
 * A JVM this test run started: its output in one log file, behind {@link ParentWatchingMain} so
 * that it exits when the test JVM does (even after {@code kill -9}), and registered so that a
 * shutdown hook kills whatever is still running, with its descendants (a worker's executors).
 *
 * <p>local-stack's own child launcher is package-private to that module and starts its two servers
 * only; this one adds environment variables, SIGKILL of a process tree, and log waits.
 */
final class ChildProcess implements AutoCloseable {
  private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Duration POLL = Duration.ofMillis(200);

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> RUNNING.forEach(child -> child.kill()), "cluster-tests-child-cleanup"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java <jvmOptions> <mainClass> <args>} on {@code classpath}.
   *
   * @param workDir the child's directory; its log is {@code <workDir>/<name>.log}
   */
  static ChildProcess startJava(
      String name,
      Path workDir,
      List<String> jvmOptions,
      String classpath,
      String mainClass,
      List<String> args,
      Map<String, String> environment) {
    try {
      Files.createDirectories(workDir);
      Path launcher = launcherDir(workDir);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(launcher + java.io.File.pathSeparator + classpath);
      command.add(ParentWatchingMain.class.getName());
      command.add(mainClass);
      command.addAll(args);
      Path log = workDir.resolve(name + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      ChildProcess child = new ChildProcess(name, builder.start(), log);
      RUNNING.add(child);
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  /** Copies the one parent-watching class into {@code workDir/launcher}, as local-stack does. */
  private static Path launcherDir(Path workDir) throws IOException {
    Path dir = workDir.resolve("launcher");
    Path file = dir.resolve(ParentWatchingMain.class.getName().replace('.', '/') + ".class");
    try (InputStream in =
        ParentWatchingMain.class.getResourceAsStream(
            ParentWatchingMain.class.getSimpleName() + ".class")) {
      Files.createDirectories(file.getParent());
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path logFile() {
    return log;
  }

  String logText() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Waits until the log holds {@code marker}, failing with the log's tail if it does not. */
  void awaitLog(String marker, Duration timeout) {
    awaitCondition(() -> logText().contains(marker), "'" + marker + "' in its log", timeout);
  }

  /** Waits for {@code condition}; fails early if this process exits, and with its log's tail. */
  void awaitCondition(BooleanSupplier condition, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited (" + process.exitValue() + ") before " + what + "\n" + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            name + ": no " + what + " within " + timeout.toSeconds() + " s\n" + tail());
      }
      pause();
    }
  }

  /** Waits for the process to exit by itself and returns its exit code. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            name + " did not exit within " + timeout.toSeconds() + " s\n" + tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted waiting for " + name, e);
    }
    RUNNING.remove(this);
    return process.exitValue();
  }

  /**
   * SIGTERM, then the exit code once it has stopped by itself. Through the process handle: {@link
   * Process#destroy()} also closes the child's stdin, which the parent watch reads as the test JVM
   * being gone.
   */
  int terminate(Duration timeout) {
    process.toHandle().destroy();
    return awaitExit(timeout);
  }

  /** SIGKILL to this process and every descendant (a worker's executors), then waits for it. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(this);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  String tail() {
    List<String> lines = Arrays.asList(logText().split("\\R"));
    return "last lines of "
        + log
        + ":\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting", e);
    }
  }
}
