package org.wikipulse.app.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;

/**
 * Replays a file of recentchange JSON lines, such as one recorded from EventStreams. With rebasing,
 * every event time moves by the same amount so that the first event happens now and the gaps
 * between events stay as recorded.
 */
public final class FileReplaySource implements RecentChangeSource {
  private final Path file;
  private final boolean rebase;
  private final Clock clock;
  private final PrintWriter warnings;
  private final RecentChangeJson json = new RecentChangeJson();
  private long skipped;

  public FileReplaySource(Path file, boolean rebase, Clock clock, PrintWriter warnings) {
    this.file = file;
    this.rebase = rebase;
    this.clock = clock;
    this.warnings = warnings;
  }

  @Override
  public void feed(Predicate<GenericRecord> sink) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No such file: " + file);
    }
    Long shift = null;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        GenericRecord record;
        try {
          record = json.fromJson(line, lineNumber);
        } catch (RecentChangeJsonException e) {
          skipped++;
          warnings.println("ingest: skipped " + file.getFileName() + ": " + e.getMessage());
          continue;
        }
        if (rebase) {
          if (shift == null) {
            shift = clock.instant().getEpochSecond() - EventTimes.secondsOf(record);
          }
          EventTimes.shift(record, shift);
        }
        if (!sink.test(record)) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long skipped() {
    return skipped;
  }

  /** Its non-blank lines, counted by a quick first read. */
  @Override
  public OptionalLong size() {
    try (Stream<String> lines = Files.lines(file)) {
      return OptionalLong.of(lines.filter(line -> !line.isBlank()).count());
    } catch (IOException | UncheckedIOException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public String describe() {
    return "file " + file + (rebase ? " (event times rebased to now)" : "");
  }
}
