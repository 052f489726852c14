package org.wikipulse.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM started by this process: launched on the same Java as the current process, with all
 * of its output appended to one log file, awaited until a readiness check passes, and stopped with
 * SIGTERM first so that it can shut down cleanly.
 */
final class ChildJvm {

  private static final System.Logger LOG = System.getLogger(ChildJvm.class.getName());
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration FORCED_STOP_WAIT = Duration.ofSeconds(10);

  /** A readiness probe; an exception counts as not ready yet. */
  @FunctionalInterface
  interface ReadinessCheck {
    boolean isReady() throws Exception;
  }

  private final String name;
  private final Process process;
  private final ProcessLog log;

  private ChildJvm(String name, Process process, ProcessLog log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** The {@code java} executable of the running JVM, so that children run on the same Java. */
  static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * The arguments that run {@code mainClass} on {@code classpath} behind {@link
   * ParentWatchingMain}, so that the child exits when this JVM does, however it ends. Copies that
   * one class into {@code workDir/launcher}.
   */
  static List<String> parentWatchedMain(Path workDir, String classpath, String mainClass) {
    String resource = ParentWatchingMain.class.getSimpleName() + ".class";
    Path launcherDir = workDir.resolve("launcher");
    Path classFile =
        launcherDir.resolve(ParentWatchingMain.class.getName().replace('.', '/') + ".class");
    try (InputStream in = ParentWatchingMain.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      Files.createDirectories(classFile.getParent());
      Files.copy(in, classFile, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + classFile, e);
    }
    return List.of(
        "-cp",
        launcherDir + File.pathSeparator + classpath,
        ParentWatchingMain.class.getName(),
        mainClass);
  }

  /**
   * Starts {@code java <arguments>} in {@code workDir}. The child's stdin stays an open pipe that
   * nobody writes to, for {@link ParentWatchingMain}.
   */
  static ChildJvm launch(String name, List<String> arguments, Path workDir, ProcessLog log) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable().toString());
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
    try {
      return new ChildJvm(name, builder.start(), log);
    } catch (IOException e) {
      throw new LocalStackStartException("Cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  long pid() {
    return process.pid();
  }

  ProcessLog log() {
    return log;
  }

  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /**
   * Waits until {@code check} passes. Fails with the log's tail if the process exits first or the
   * timeout passes, and stops the process in that case.
   */
  void awaitReady(ReadinessCheck check, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw failure("exited with code " + process.exitValue() + " before it was ready");
        }
        if (passes(check)) {
          return;
        }
        if (System.nanoTime() - deadline > 0) {
          stop(Duration.ofSeconds(5));
          throw failure("was not ready within " + timeout.toSeconds() + " s");
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    } catch (InterruptedException e) {
      stop(Duration.ofSeconds(5));
      Thread.currentThread().interrupt();
      throw new LocalStackStartException("Interrupted while waiting for " + name + " to start", e);
    }
  }

  /** Waits for a short-lived child (a tool run) to finish, failing with the log's tail. */
  void awaitSuccessfulExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(Duration.ofSeconds(5));
        throw failure("did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      stop(Duration.ofSeconds(5));
      Thread.currentThread().interrupt();
      throw new LocalStackStartException("Interrupted while waiting for " + name, e);
    }
    if (process.exitValue() != 0) {
      throw failure("exited with code " + process.exitValue());
    }
  }

  /** SIGKILL, and waits until the process is gone. Safe on a process that has already exited. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(FORCED_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            name
                + " (pid "
                + pid()
                + ") survived SIGKILL for "
                + FORCED_STOP_WAIT.toSeconds()
                + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name + " to die", e);
    }
  }

  /**
   * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it. Safe to call more
   * than once and on a process that has already exited.
   */
  void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    boolean interrupted = false;
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(
            Level.WARNING,
            "{0} (pid {1}) ignored SIGTERM for {2} s; killing it",
            name,
            pid(),
            grace.toSeconds());
        process.destroyForcibly();
        process.waitFor(FORCED_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      // Still make sure the child does not outlive us; re-assert the interrupt afterwards.
      process.destroyForcibly();
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean passes(ReadinessCheck check) {
    try {
      return check.isReady();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private LocalStackStartException failure(String reason) {
    return new LocalStackStartException(
        name
            + " "
            + reason
            + ". Last "
            + ProcessLog.TAIL_LINES
            + " lines of "
            + log.file()
            + ":"
            + System.lineSeparator()
            + log.tail());
  }
}
