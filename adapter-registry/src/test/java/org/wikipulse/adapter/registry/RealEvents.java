package org.wikipulse.adapter.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/** The real recentchange events of the test resources (see {@code data/SOURCE.md}). */
public final class RealEvents {
  /** 100 real edits. */
  public static final String SAMPLE = "data/recentchange-sample.jsonl";

  /** 2 real log events, one with an object {@code log_params}, one with an array. */
  public static final String LOG_SAMPLE = "data/recentchange-log-sample.jsonl";

  private RealEvents() {}

  /** The JSON lines of a resource, blank lines left out. */
  public static List<String> lines(String resource) {
    try (BufferedReader reader = open(resource)) {
      return reader.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The events of a resource as RecentChange records. */
  public static List<GenericRecord> records(String resource) {
    try (BufferedReader reader = open(resource)) {
      return new RecentChangeJson().readAll(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedReader open(String resource) {
    InputStream in = RealEvents.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("Missing test resource " + resource);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
