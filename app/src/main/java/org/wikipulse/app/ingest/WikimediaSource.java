package org.wikipulse.app.ingest;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.domain.EditRules;

/**
 * Wikimedia's live EventStreams feed of recentchange events. Canary events, Wikimedia's synthetic
 * heartbeats, are dropped unless asked for, and counted.
 */
public final class WikimediaSource implements RecentChangeSource {
  /** The public feed. */
  public static final URI RECENT_CHANGE_STREAM =
      URI.create("https://stream.wikimedia.org/v2/stream/recentchange");

  /** Wikimedia asks clients to say who they are and how to reach their authors. */
  public static final String USER_AGENT =
      "wikipulse/0.1.0 (https://github.com/wikipulse/wikipulse; real-time edit analysis)"
          + " Java-http-client/"
          + Runtime.version().feature();

  private final SseClient client;
  private final boolean keepCanary;
  private final PrintWriter warnings;
  private final RecentChangeJson json = new RecentChangeJson();
  private long skipped;
  private long canariesDropped;
  private long received;

  public WikimediaSource(SseClient client, boolean keepCanary, PrintWriter warnings) {
    this.client = client;
    this.keepCanary = keepCanary;
    this.warnings = warnings;
  }

  /** A client of the given stream with the project's User-Agent. */
  public static SseClient client(URI url, PrintWriter log) {
    return new SseClient(url, USER_AGENT, Duration.ofSeconds(60), 10, log);
  }

  @Override
  public void feed(Predicate<GenericRecord> sink) throws InterruptedException {
    client.stream(
        event -> {
          if (!"message".equals(event.type())) {
            return true;
          }
          received++;
          GenericRecord record;
          try {
            record = json.fromJson(event.data(), received);
          } catch (RecentChangeJsonException e) {
            skipped++;
            warnings.println("ingest: skipped event " + event.id() + ": " + e.getMessage());
            return true;
          }
          if (!keepCanary && isCanary(record)) {
            canariesDropped++;
            return true;
          }
          return sink.test(record);
        });
  }

  private static boolean isCanary(GenericRecord record) {
    Object meta = record.get("meta");
    return meta instanceof GenericRecord m
        && m.get("domain") != null
        && EditRules.CANARY_DOMAIN.equals(m.get("domain").toString());
  }

  /** Canary events dropped so far. */
  public long canariesDropped() {
    return canariesDropped;
  }

  @Override
  public long skipped() {
    return skipped;
  }

  @Override
  public String describe() {
    return "Wikimedia EventStreams"
        + (keepCanary ? "" : " (canary events dropped: " + canariesDropped + ")");
  }
}
