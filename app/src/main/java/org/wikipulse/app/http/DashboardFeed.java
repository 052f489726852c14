package org.wikipulse.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.wikipulse.app.metrics.PipelineMeters;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.Window;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.PipelineMetrics;
import org.wikipulse.ports.PipelineProgress;

/**
 * What the dashboard page shows, as one JSON document: the counts of the latest finished windows
 * (from the output rows as they are written), the status figures, and the recent dead letters.
 */
final class DashboardFeed {
  static final int WINDOWS_KEPT = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String runtime;
  private final PipelineMeters meters;
  private final TreeMap<Window, EnumMap<Actor, Long>> windows = new TreeMap<>();
  private volatile Supplier<List<DeadLetterTail.Entry>> deadLetters = List::of;

  DashboardFeed(String runtime, PipelineMeters meters) {
    this.runtime = runtime;
    this.meters = meters;
  }

  /** Adds output rows; a window's rows may come in several batches (one per output partition). */
  synchronized void rowsWritten(List<WindowCount> rows) {
    for (WindowCount row : rows) {
      windows
          .computeIfAbsent(row.window(), w -> new EnumMap<>(Actor.class))
          .merge(row.actor(), row.count(), Long::sum);
    }
    while (windows.size() > WINDOWS_KEPT) {
      windows.pollFirstEntry();
    }
  }

  void deadLettersFrom(DeadLetterTail tail) {
    deadLetters = tail::recent;
  }

  String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("runtime", runtime);
    PipelineMeters.Snapshot snapshot = meters.refresh();
    PipelineProgress progress = snapshot.progress();
    PipelineMetrics metrics = snapshot.metrics();
    ObjectNode status = root.putObject("status");
    status.put("in", progress.recordsIn());
    status.put("counted", progress.counted());
    status.put("late", progress.droppedLate());
    status.put("deadLettered", progress.deadLettered());
    status.put("windowRowsOut", progress.windowsOut());
    if (metrics.partitionLag().isEmpty()) {
      status.putNull("lag");
    } else {
      status.put("lag", metrics.partitionLag().values().stream().mapToLong(Long::longValue).sum());
    }
    status.put("watermark", metrics.watermark().map(Object::toString).orElse(null));
    ArrayNode rows = root.putArray("windows");
    synchronized (this) {
      for (Map.Entry<Window, EnumMap<Actor, Long>> window : windows.entrySet()) {
        ObjectNode row = rows.addObject();
        row.put("start", window.getKey().start().toString());
        row.put("end", window.getKey().end().toString());
        row.put("endMs", window.getKey().end().toEpochMilli());
        row.put("bot", window.getValue().getOrDefault(Actor.BOT, 0L));
        row.put("human", window.getValue().getOrDefault(Actor.HUMAN, 0L));
        row.put("unknown", window.getValue().getOrDefault(Actor.UNKNOWN, 0L));
      }
    }
    ArrayNode letters = root.putArray("deadLetters");
    for (DeadLetterTail.Entry entry : deadLetters.get()) {
      ObjectNode letter = letters.addObject();
      letter.put("time", entry.time().toString());
      letter.put("reason", entry.reason());
      letter.put("message", entry.message());
      letter.put("partition", entry.sourcePartition());
      letter.put("offset", entry.sourceOffset());
    }
    return root.toString();
  }
}
