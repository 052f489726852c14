package org.wikipulse.app.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A server-sent-events client on {@code java.net.http}. When the connection drops or stalls it
 * reconnects with {@code Last-Event-ID}, so the server resumes after the last event received.
 * Retries wait the server's {@code retry} hint (1 s by default), doubling after each attempt that
 * delivers nothing, up to 30 s, and give up after a number of such attempts in a row.
 */
public final class SseClient {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI url;
  private final String userAgent;
  private final Duration stallTimeout;
  private final int maxConsecutiveFailures;
  private final PrintWriter log;
  private volatile Duration retry = Duration.ofSeconds(1);
  private volatile String lastEventId;
  private volatile int connections;

  /**
   * @param url the stream
   * @param userAgent sent with every request; Wikimedia refuses requests without a descriptive one
   * @param stallTimeout a connection that delivers nothing for this long is dropped and resumed
   * @param maxConsecutiveFailures attempts in a row without an event before giving up
   * @param log where reconnects are reported, one line each
   */
  public SseClient(
      URI url,
      String userAgent,
      Duration stallTimeout,
      int maxConsecutiveFailures,
      PrintWriter log) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.url = url;
    this.userAgent = userAgent;
    this.stallTimeout = stallTimeout;
    this.maxConsecutiveFailures = maxConsecutiveFailures;
    this.log = log;
  }

  /** The id of the last event received, sent as {@code Last-Event-ID} on reconnect. */
  public String lastEventId() {
    return lastEventId;
  }

  /** How many connections were opened. */
  public int connections() {
    return connections;
  }

  /**
   * Hands events to the handler until it answers false.
   *
   * @throws SseException when the server refuses the request, or when too many attempts in a row
   *     deliver nothing
   */
  public void stream(Predicate<SseEvent> handler) throws InterruptedException {
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "sse-stall-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    try {
      int failures = 0;
      while (true) {
        String outcome;
        try {
          Attempt attempt = readOnce(handler, watchdog);
          if (attempt.stoppedByHandler) {
            return;
          }
          failures = attempt.received > 0 ? 0 : failures + 1;
          outcome = attempt.stalled ? "stalled" : "was closed by the server";
        } catch (IOException e) {
          failures++;
          outcome =
              "failed ("
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                  + ")";
        }
        if (failures >= maxConsecutiveFailures) {
          throw new SseException(
              "Event stream "
                  + url
                  + " "
                  + outcome
                  + "; "
                  + failures
                  + " attempts in a row delivered nothing, giving up");
        }
        Duration wait = backoff(failures);
        log.println(
            "ingest: event stream "
                + outcome
                + "; reconnecting in "
                + wait.toMillis()
                + " ms"
                + (lastEventId == null ? "" : " with Last-Event-ID " + lastEventId));
        Thread.sleep(wait.toMillis());
      }
    } finally {
      watchdog.shutdownNow();
    }
  }

  private Duration backoff(int failures) {
    long millis = retry.toMillis() << Math.min(Math.max(failures - 1, 0), 10);
    return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
  }

  private static final class Attempt {
    long received;
    volatile boolean stalled;
    boolean stoppedByHandler;
  }

  private Attempt readOnce(Predicate<SseEvent> handler, ScheduledExecutorService watchdog)
      throws IOException, InterruptedException {
    connections++;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .header("Accept", "text/event-stream")
            .header("Cache-Control", "no-cache")
            .header("User-Agent", userAgent)
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    if (status != 200) {
      response.body().close();
      if (status == 429 || status >= 500) {
        throw new IOException("HTTP " + status);
      }
      throw new SseException(
          "Event stream "
              + url
              + " answered HTTP "
              + status
              + (status == 403
                  ? ": Wikimedia refuses clients without a descriptive User-Agent"
                  : ""));
    }
    Attempt attempt = new Attempt();
    AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    InputStream body = response.body();
    long period = Math.max(50, stallTimeout.toMillis() / 4);
    ScheduledFuture<?> stallCheck =
        watchdog.scheduleAtFixedRate(
            () -> {
              if (System.nanoTime() - lastActivity.get() > stallTimeout.toNanos()) {
                attempt.stalled = true;
                closeQuietly(body);
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String type = null;
      StringBuilder data = null;
      String line;
      while ((line = reader.readLine()) != null) {
        lastActivity.set(System.nanoTime());
        if (line.isEmpty()) {
          if (data != null) {
            if (id != null) {
              lastEventId = id;
            }
            attempt.received++;
            if (!handler.test(new SseEvent(id, type == null ? "message" : type, data.toString()))) {
              attempt.stoppedByHandler = true;
              return attempt;
            }
          }
          id = null;
          type = null;
          data = null;
          continue;
        }
        if (line.startsWith(":")) {
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "data" ->
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          case "id" -> id = value.indexOf('\0') >= 0 ? id : value;
          case "event" -> type = value;
          case "retry" -> {
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
              retry = Duration.ofMillis(Long.parseLong(value));
            }
          }
          default -> {
            // Unknown fields are ignored, as the specification requires.
          }
        }
      }
    } catch (IOException e) {
      if (!attempt.stalled) {
        throw e;
      }
    } finally {
      stallCheck.cancel(false);
    }
    return attempt;
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // The reader sees the stream end; nothing more to do.
    }
  }
}
