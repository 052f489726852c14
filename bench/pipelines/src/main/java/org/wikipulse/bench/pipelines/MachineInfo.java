package org.wikipulse.bench.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run was measured on, for the report. */
final class MachineInfo {
  private MachineInfo() {}

  static String describe() {
    return "nproc "
        + Runtime.getRuntime().availableProcessors()
        + ", "
        + firstLine("/proc/cpuinfo", "model name")
        + ", "
        + firstLine("/proc/meminfo", "MemTotal")
        + ", Java "
        + System.getProperty("java.runtime.version")
        + " ("
        + System.getProperty("java.vm.name")
        + "), "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version");
  }

  private static String firstLine(String file, String prefix) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(line -> line.startsWith(prefix))
          .findFirst()
          .map(line -> line.replaceAll("\\s+", " ").trim())
          .orElse(prefix + " unknown");
    } catch (IOException e) {
      return prefix + " unknown";
    }
  }
}
