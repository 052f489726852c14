package org.wikipulse.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Real recentchange events (see {@code testkit/SOURCE.md}), as the JSON lines Wikimedia's
 * EventStreams served and as the RecentChange records they convert to. The records are kept in an
 * Avro data file beside each JSON file, so that modules below the app, which owns the JSON
 * conversion, can use them; the app's {@code RecentChangeJsonTest} proves the two agree.
 */
public final class RealEvents {
  /** 100 real edits. */
  public static final String SAMPLE = "testkit/recentchange-sample.jsonl";

  /** 2 real log events, one with an object {@code log_params}, one with an array. */
  public static final String LOG_SAMPLE = "testkit/recentchange-log-sample.jsonl";

  private RealEvents() {}

  /** The JSON lines of a sample, blank lines left out. */
  public static List<String> lines(String sample) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(sample), StandardCharsets.UTF_8))) {
      return reader.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The events of a sample as RecentChange records (of version 1 of the schema), with Java strings
   * as the JSON conversion gives them.
   */
  public static List<GenericRecord> records(String sample) {
    String avroFile = sample.replaceFirst("\\.jsonl$", ".avro");
    try (DataFileStream<GenericRecord> in =
        new DataFileStream<>(open(avroFile), new JavaStringReader())) {
      List<GenericRecord> records = new ArrayList<>();
      in.forEach(records::add);
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + avroFile, e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = RealEvents.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("Missing test-kit resource " + resource);
    }
    return in;
  }

  /** Reads Avro strings as {@link String}, not Avro's {@code Utf8}. */
  private static final class JavaStringReader extends GenericDatumReader<GenericRecord> {
    @Override
    protected Class<?> findStringClass(Schema schema) {
      return String.class;
    }
  }
}
