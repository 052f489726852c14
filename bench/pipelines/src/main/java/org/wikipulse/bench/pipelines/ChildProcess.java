package org.wikipulse.bench.pipelines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A contestant's own JVM: launched on the harness's classpath with Spark's Java 17 opens (harmless
 * for the others), its log in a file, its progress lines parsed, its peak RSS and CPU time read
 * from /proc just before it is stopped.
 */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final long launchedAtMs;
  private volatile long recordsIn;
  private volatile long allReadAtMs;
  private volatile long firstReadAtMs;
  private volatile long firstBatchStartMs;
  private final long expectedIn;
  private final List<Long> batchMillis = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * @param jfr where to write a Java Flight Recorder profile of the whole run, or null for none
   * @param javaOptions extra JVM options, the same for every contestant
   */
  ChildProcess(ContestantArgs args, Path log, long expectedIn, Path jfr, List<String> javaOptions)
      throws IOException {
    this.expectedIn = expectedIn;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opens = System.getenv().getOrDefault("SPARK_JAVA17_OPENS", "");
    command.addAll(Arrays.stream(opens.split("\\s+")).filter(s -> !s.isBlank()).toList());
    command.addAll(javaOptions);
    if (jfr != null) {
      command.add(
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + jfr.toAbsolutePath());
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ContestantMain.class.getName());
    command.addAll(args.toArgs());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    launchedAtMs = System.currentTimeMillis();
    process = builder.start();
    PrintStream logOut = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.startsWith(Progress.PREFIX)) {
                    recordsIn = Long.parseLong(line.substring(Progress.PREFIX.length()).trim());
                    if (firstReadAtMs == 0 && recordsIn > 0) {
                      firstReadAtMs = System.currentTimeMillis();
                    }
                    if (allReadAtMs == 0 && recordsIn >= this.expectedIn) {
                      allReadAtMs = System.currentTimeMillis();
                    }
                  } else if (line.startsWith(SparkBatches.PREFIX)) {
                    String[] batch = line.substring(SparkBatches.PREFIX.length()).trim().split(" ");
                    if (firstBatchStartMs == 0) {
                      firstBatchStartMs = Long.parseLong(batch[0]);
                    }
                    batchMillis.add(Long.parseLong(batch[1]));
                  } else {
                    logOut.println(line);
                  }
                }
              } catch (IOException e) {
                logOut.println("harness: child output closed: " + e);
              } finally {
                logOut.close();
              }
            },
            "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  long launchedAtMs() {
    return launchedAtMs;
  }

  long recordsIn() {
    return recordsIn;
  }

  /**
   * When the child started reading: the start of its first Spark micro-batch (Spark reports what it
   * read only after each batch), else its first report of having read anything; 0 if neither.
   */
  long firstReadAtMs() {
    return firstBatchStartMs > 0 ? firstBatchStartMs : firstReadAtMs;
  }

  /** When the child first reported having read the expected input, or 0. */
  long allReadAtMs() {
    return allReadAtMs;
  }

  /** Durations of the Spark micro-batches it reported, in order; empty for other engines. */
  List<Long> batchMillis() {
    return List.copyOf(batchMillis);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Peak resident set size in MB, from /proc/pid/status VmHWM. */
  double peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", process.pid() + "", "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  /** User plus system CPU seconds of all its threads, from /proc/pid/stat. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", process.pid() + "", "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields after the command name start at field 3 (state); utime is 14, stime 15.
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
        / (double) ClockTicks.PER_SECOND;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** The kernel's clock ticks per second, for /proc/pid/stat. */
  static final class ClockTicks {
    static final long PER_SECOND = read();

    private static long read() {
      try {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        getconf.waitFor();
        return Long.parseLong(out.trim());
      } catch (IOException | InterruptedException | NumberFormatException e) {
        return 100;
      }
    }
  }
}
