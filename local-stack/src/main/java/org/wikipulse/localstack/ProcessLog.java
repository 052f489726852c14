package org.wikipulse.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The file a child process writes its stdout, stderr and logging to. */
final class ProcessLog {

  static final int TAIL_LINES = 30;

  private final Path file;

  ProcessLog(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Whether the log holds {@code marker} anywhere; false while the file does not exist yet. */
  boolean contains(String marker) {
    return read().contains(marker);
  }

  /**
   * Whether the log holds {@code marker} after its first {@code fromByte} bytes: what a child wrote
   * after {@link #length()} was taken, when several runs append to one log.
   */
  boolean containsAfter(long fromByte, String marker) {
    byte[] bytes = readBytes();
    int from = (int) Math.min(fromByte, bytes.length);
    return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).contains(marker);
  }

  /** The log's length in bytes, 0 while the file does not exist. */
  long length() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Whether the child failed to bind a port that another process holds: Kafka reports it as
   * "Address already in use", Quarkus as "Port N seems to be in use by another process".
   */
  boolean reportsPortInUse() {
    String text = read();
    return text.contains("Address already in use")
        || text.contains("seems to be in use by another process");
  }

  /** The last {@link #TAIL_LINES} lines, for error messages. */
  String tail() {
    List<String> lines = Arrays.asList(read().split("\\R"));
    List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    return String.join(System.lineSeparator(), last);
  }

  private String read() {
    // Decoding leniently: a child killed mid-write may leave half a character behind.
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  private byte[] readBytes() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
