package org.wikipulse.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.app.ingest.RecentChangeJson;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.localstack.LocalStack;

/** The real samples and the shared local stack, as tests of whole commands need them. */
final class Samples {
  static final Path RECENT_CHANGES = path("/samples/recentchange-sample.jsonl");

  private Samples() {}

  /** The sample's events in file order, as the domain sees them. */
  static List<EditEvent> events() throws Exception {
    List<EditEvent> events = new ArrayList<>();
    RecentChangeJson json = new RecentChangeJson();
    long line = 0;
    for (String text : java.nio.file.Files.readAllLines(RECENT_CHANGES)) {
      if (text.isBlank()) {
        continue;
      }
      GenericRecord r = json.fromJson(text, ++line);
      GenericRecord meta = (GenericRecord) r.get("meta");
      events.add(
          new EditEvent(
              (Long) r.get("id"),
              r.get("type").toString(),
              string(r.get("wiki")),
              string(r.get("server_name")),
              string(r.get("title")),
              (Long) r.get("namespace"),
              string(r.get("user")),
              (Boolean) r.get("bot"),
              (Boolean) r.get("minor"),
              null,
              null,
              null,
              null,
              EditEvent.eventTimeOf((Long) r.get("timestamp")),
              string(meta.get("domain"))));
    }
    return events;
  }

  /** {@code --set} options pointing a command at the stack. */
  static List<String> on(LocalStack stack) {
    return List.of(
        "--set",
        "kafka.bootstrap-servers=" + stack.bootstrapServers(),
        "--set",
        "registry.url=" + stack.registryUrl());
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String[] args(List<String> first, List<String> then) {
    List<String> all = new ArrayList<>(first);
    all.addAll(then);
    return all.toArray(String[]::new);
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static Path path(String resource) {
    try {
      return Path.of(Samples.class.getResource(resource).toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
