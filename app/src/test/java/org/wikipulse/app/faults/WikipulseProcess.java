package org.wikipulse.app.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wikipulse.localstack.LocalStack;

/**
 * A {@code wikipulse} command ({@code run}, {@code consume}) in a JVM of its own, as a user starts
 * it (the packaged jar with the launcher's options: 1 GB heap, Spark's Java 17 opens, the class
 * archive), so that it can be killed for real: SIGKILL with {@link #kill()}, SIGTERM with {@link
 * #terminate(Duration)}. Its output is kept line by line with the time each line arrived.
 */
final class WikipulseProcess implements AutoCloseable {
  private static final Pattern RECORDS_IN = Pattern.compile("status: in ([0-9,]+) ");
  private static final Pattern METRICS_AT = Pattern.compile("serving metrics at (\\S+/metrics)");
  private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(SCRAPE_TIMEOUT).build();

  /** One line of output and when it arrived, in ms since the process was launched. */
  record Line(long atMs, String text) {}

  private final String name;
  private final Process process;
  private final long launchedAtNanos;
  private final List<Line> err = new CopyOnWriteArrayList<>();
  private final List<Line> out = new CopyOnWriteArrayList<>();
  private final List<Thread> readers = new ArrayList<>();

  private WikipulseProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.launchedAtNanos = System.nanoTime();
    follow(process.getErrorStream(), err, name + "-stderr");
    follow(process.getInputStream(), out, name + "-stdout");
  }

  /**
   * The arguments of {@code wikipulse run} on the local stack with the given topics and state
   * directory; a mutable list, for the caller's further {@code --set}s.
   */
  static List<String> runArguments(
      String runtime,
      LocalStack stack,
      String applicationId,
      String input,
      String output,
      String deadLetters,
      Path stateDir) {
    return new ArrayList<>(
        List.of(
            "run",
            "--runtime",
            runtime,
            "--set",
            "kafka.bootstrap-servers=" + stack.bootstrapServers(),
            "--set",
            "registry.url=" + stack.registryUrl(),
            "--set",
            "application-id=" + applicationId,
            "--set",
            "topics.input=" + input,
            "--set",
            "topics.output=" + output,
            "--set",
            "topics.dead-letters=" + deadLetters,
            "--set",
            "state-dir=" + stateDir));
  }

  /** Launches {@code wikipulse <arguments>} in {@code workDir}. */
  static WikipulseProcess launch(String name, Path workDir, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Spark's opens, as this test JVM got them from the build (the root pom's spark.java17.opens).
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-opens")
          || option.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || option.startsWith("-Djdk.reflect")) {
        command.add(option);
      }
    }
    command.add("-Xmx1g");
    command.addAll(PackagedApp.launcherJvmOptions());
    command.add("-jar");
    command.add(PackagedApp.jar().toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    try {
      return new WikipulseProcess(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  private void follow(InputStream stream, List<Line> lines, String threadName) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(new Line(sinceLaunchMs(), line));
                }
              } catch (IOException e) {
                // The process is gone; what it printed is kept.
              }
            },
            threadName);
    reader.setDaemon(true);
    reader.start();
    readers.add(reader);
  }

  /** Waits until everything the exited process printed has been read. */
  private void drainOutput() throws InterruptedException {
    for (Thread reader : readers) {
      reader.join(5_000);
    }
  }

  private long sinceLaunchMs() {
    return (System.nanoTime() - launchedAtNanos) / 1_000_000;
  }

  /** Every line written to stderr so far. */
  List<Line> errLines() {
    return List.copyOf(err);
  }

  /** Every line written to stdout so far. */
  List<Line> outLines() {
    return List.copyOf(out);
  }

  /** The largest "in" of its status lines so far: records it has read, 0 before the first. */
  long recordsIn() {
    return statusCount("in");
  }

  /**
   * The largest value of a counter of its status lines so far, such as {@code in} or {@code windows
   * out}: 0 before the first line.
   */
  long statusCount(String counter) {
    Pattern pattern = Pattern.compile("^status: (?:.* \\| )?" + counter + " ([0-9,]+)");
    long count = 0;
    for (Line line : err) {
      Matcher m = pattern.matcher(line.text());
      if (m.find()) {
        count = Math.max(count, Long.parseLong(m.group(1).replace(",", "")));
      }
    }
    return count;
  }

  /**
   * The values of one metric in a scrape of the process's {@code /metrics} endpoint now, by their
   * labels as written (such as {@code partition="0",runtime="spark"}); empty before the metric has
   * a value or if the endpoint does not answer.
   */
  Map<String, Double> metric(String name) {
    Line served = null;
    for (Line line : err) {
      if (METRICS_AT.matcher(line.text()).find()) {
        served = line;
      }
    }
    if (served == null) {
      return Map.of();
    }
    Matcher at = METRICS_AT.matcher(served.text());
    at.find();
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(at.group(1))).timeout(SCRAPE_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      Pattern sample =
          Pattern.compile(
              "^" + Pattern.quote(name) + "(?:\\{([^}]*)})?\\s+(\\S+)", Pattern.MULTILINE);
      Map<String, Double> values = new TreeMap<>();
      Matcher m = sample.matcher(response.body());
      while (m.find()) {
        values.put(m.group(1) == null ? "" : m.group(1), Double.parseDouble(m.group(2)));
      }
      return values;
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /**
   * Milliseconds from launch to the first status line that reports a record read: the time it took
   * to resume, JVM start included. Waits for it.
   */
  long awaitFirstRecordMs(Duration timeout) throws InterruptedException {
    Line line =
        awaitErrLine(
            text -> {
              Matcher m = RECORDS_IN.matcher(text);
              return m.find() && !m.group(1).equals("0");
            },
            timeout,
            "a status line with a record read");
    return line.atMs();
  }

  /** Waits until at least {@code records} have been read. */
  void awaitRecordsIn(long records, Duration timeout) throws InterruptedException {
    awaitCondition(() -> recordsIn() >= records, timeout, records + " records read");
  }

  /** Waits for a stderr line that matches; fails naming what was awaited, with the output. */
  Line awaitErrLine(Predicate<String> matches, Duration timeout, String what)
      throws InterruptedException {
    Line[] found = new Line[1];
    awaitCondition(
        () -> {
          for (Line line : err) {
            if (matches.test(line.text())) {
              found[0] = line;
              return true;
            }
          }
          return false;
        },
        timeout,
        what);
    return found[0];
  }

  /** Waits until the condition holds, polling every 100 ms; fails with the output's tail. */
  void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
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
      Thread.sleep(100);
    }
  }

  /** Waits for the command to finish by itself and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not finish within " + timeout.toSeconds() + " s");
    }
    drainOutput();
    return process.exitValue();
  }

  /** SIGKILL, as the OOM killer or a lost node ends a process: no hook, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " survived SIGKILL for 10 s");
    }
  }

  /** What a SIGTERM did: the exit code, how long it took, and what was printed after it. */
  record Termination(int exitCode, long tookMs, List<String> linesAfter) {}

  /** SIGTERM, as Kubernetes or systemd stop a process, then waits up to {@code grace}. */
  Termination terminate(Duration grace) throws InterruptedException {
    int printedBefore = err.size();
    long sentAt = System.nanoTime();
    // Through the handle: Process.destroy() also closes our ends of its pipes, losing what it
    // prints while it stops.
    process.toHandle().destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          name + " did not exit within " + grace.toSeconds() + " s of SIGTERM\n" + tail());
    }
    long took = (System.nanoTime() - sentAt) / 1_000_000;
    drainOutput();
    List<String> after = err.subList(printedBefore, err.size()).stream().map(Line::text).toList();
    return new Termination(process.exitValue(), took, after);
  }

  /**
   * Everything it printed to stderr with the ms since launch, the status lines shortened to the
   * first that reports a record read and the last: for reports, not for assertions.
   */
  String transcript() {
    List<Line> lines = errLines();
    Line lastStatus = null;
    boolean firstRecordSeen = false;
    StringBuilder text = new StringBuilder("--- ").append(name).append(" (stderr)\n");
    for (Line line : lines) {
      if (line.text().startsWith("status: ")) {
        lastStatus = line;
        if (firstRecordSeen || line.text().startsWith("status: in 0 ")) {
          continue;
        }
        firstRecordSeen = true;
      }
      text.append(line.atMs()).append(" ms: ").append(line.text()).append('\n');
    }
    if (lastStatus != null) {
      text.append(lastStatus.atMs()).append(" ms: ").append(lastStatus.text()).append('\n');
    }
    return text.toString();
  }

  /** The last 40 lines of stderr, for failure messages. */
  String tail() {
    List<Line> lines = errLines();
    StringBuilder text = new StringBuilder();
    for (Line line : lines.subList(Math.max(0, lines.size() - 40), lines.size())) {
      text.append(line.atMs()).append(" ms: ").append(line.text()).append('\n');
    }
    return text.toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
