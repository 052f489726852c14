package org.wikipulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.testkit.InMemorySchemaRegistry;

class IngestorTest {
  private static final Path SAMPLE = sample();

  @TempDir Path dir;

  private final StringWriter log = new StringWriter();
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final CountingProducer producer = new CountingProducer();

  /**
   * Purpose: ingest writes every line of a file as Confluent Avro under the registered writer
   * schema, keyed by wiki, and flushes once at the end rather than per record. Pass: 100 framed
   * records whose header names the schema registered under the subject, keys "enwiki", one flush.
   */
  @Test
  void writesEveryLineFramedAndKeyedByWikiWithOneFlush() throws Exception {
    Ingestor.Summary summary =
        ingest(new FileReplaySource(SAMPLE, false, Clock.systemUTC(), out()), Long.MAX_VALUE);

    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent).hasSize(100);
    int id = registry.latest("wikimedia-value").id();
    assertThat(sent)
        .allSatisfy(
            record -> {
              assertThat(record.topic()).isEqualTo("wikimedia");
              assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("enwiki");
              assertThat(WireFormat.unframe(record.value()).schemaId()).isEqualTo(id);
            });
    assertThat(producer.flushes).isEqualTo(1);
    assertThat(summary.acknowledged()).isEqualTo(100);
    assertThat(summary.describe("wikimedia")).startsWith("ingest: 100 events written to wikimedia");
  }

  /** Purpose: --limit stops early. Pass: exactly the limit is sent. */
  @Test
  void stopsAtTheLimit() throws Exception {
    ingest(
        new GeneratorSource(7, Instant.parse("2024-01-01T00:00:00Z"), 50, Duration.ofSeconds(5)),
        250);

    assertThat(producer.history()).hasSize(250);
  }

  /**
   * Purpose: a bad line is reported and skipped, never dropped silently. Input: two good lines
   * around a broken one. Pass: two records sent, one skipped, a warning naming line 2.
   */
  @Test
  void reportsAndSkipsABadLine() throws Exception {
    List<String> lines = Files.readAllLines(SAMPLE);
    Path file = dir.resolve("mixed.jsonl");
    Files.write(file, List.of(lines.get(0), "{not json", lines.get(1)));

    Ingestor.Summary summary =
        ingest(new FileReplaySource(file, false, Clock.systemUTC(), out()), Long.MAX_VALUE);

    assertThat(producer.history()).hasSize(2);
    assertThat(summary.skipped()).isEqualTo(1);
    assertThat(log.toString()).contains("skipped mixed.jsonl").contains("2");
  }

  /**
   * Purpose: rebasing moves event times to now and keeps the gaps. Pass: the first event's
   * timestamp and meta.dt equal the clock; the last is 140 s later, as recorded.
   */
  @Test
  void rebasingMovesEventTimesToNowKeepingGaps() throws Exception {
    Instant now = Instant.parse("2026-01-02T03:04:05Z");
    List<GenericRecord> records = new java.util.ArrayList<>();
    new FileReplaySource(SAMPLE, true, Clock.fixed(now, ZoneOffset.UTC), out()).feed(records::add);

    assertThat(EventTimes.secondsOf(records.get(0))).isEqualTo(now.getEpochSecond());
    assertThat(((GenericRecord) records.get(0).get("meta")).get("dt").toString())
        .isEqualTo("2026-01-02T03:04:05Z");
    long last = records.stream().mapToLong(EventTimes::secondsOf).max().orElseThrow();
    assertThat(last - now.getEpochSecond()).isEqualTo(140);
  }

  /**
   * Purpose: ingest shows its progress as it goes when asked to. Input: the 100 samples, with a
   * terminal progress line shown at every record and the file's size as the total. Pass: the line
   * is rewritten in place and its last state counts all 100 of 100 with nothing left; a newline
   * ends it.
   */
  @Test
  void showsProgressAgainstTheFilesSize() throws Exception {
    FileReplaySource source = new FileReplaySource(SAMPLE, false, Clock.systemUTC(), out());
    StringWriter terminal = new StringWriter();
    RecentChangeWriter writer =
        new RecentChangeWriter(registry, "wikimedia-value", AvroSchemas.RECENT_CHANGE);

    new Ingestor(
            producer,
            "wikimedia",
            writer,
            Pacer.unpaced(),
            Long.MAX_VALUE,
            out(),
            IngestProgress.onTerminal(new PrintWriter(terminal), source.size(), Duration.ZERO))
        .run(source);

    String shown = terminal.toString();
    assertThat(shown).startsWith("\ringest: ").endsWith(System.lineSeparator());
    String last = shown.substring(shown.lastIndexOf('\r') + 1).strip();
    assertThat(last).startsWith("ingest: 100 of 100 events (").endsWith("0 s left");
  }

  private Ingestor.Summary ingest(RecentChangeSource source, long limit)
      throws InterruptedException {
    RecentChangeWriter writer =
        new RecentChangeWriter(registry, "wikimedia-value", AvroSchemas.RECENT_CHANGE);
    return new Ingestor(
            producer, "wikimedia", writer, Pacer.unpaced(), limit, out(), IngestProgress.none())
        .run(source);
  }

  private PrintWriter out() {
    return new PrintWriter(log, true);
  }

  private static Path sample() {
    try {
      return Path.of(IngestorTest.class.getResource("/samples/recentchange-sample.jsonl").toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Acknowledges every send at once and counts flushes. */
  private static final class CountingProducer extends MockProducer<byte[], byte[]> {
    int flushes;

    CountingProducer() {
      super(true, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized void flush() {
      flushes++;
      super.flush();
    }
  }
}
