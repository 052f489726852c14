package org.wikipulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SSE client against a local server that replays recorded recentchange lines, as Wikimedia's
 * EventStreams would, and drops the connection part way through once.
 */
class SseClientTest {
  private static final List<String> RECORDED = recorded();

  private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  private final List<String> userAgents = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  /**
   * Purpose: a dropped connection loses and repeats nothing. Input: 100 recorded events with ids
   * 1..100; the first connection ends after 40. Pass: the client gets all 100 exactly once, in
   * order, over two connections, the second asking for events after id 40 with Last-Event-ID, and
   * every request carries the descriptive User-Agent.
   */
  @Test
  void resumesAfterADroppedConnectionWithLastEventId() throws Exception {
    URI url = serve(40);
    StringWriter log = new StringWriter();
    SseClient client =
        new SseClient(
            url, "wikipulse-test/1 (tests)", Duration.ofSeconds(5), 3, new PrintWriter(log, true));
    List<String> data = new ArrayList<>();

    client.stream(
        event -> {
          data.add(event.data());
          return data.size() < RECORDED.size();
        });

    assertThat(data).containsExactlyElementsOf(RECORDED);
    assertThat(client.connections()).isEqualTo(2);
    assertThat(lastEventIds).containsExactly("", "40");
    assertThat(userAgents).containsOnly("wikipulse-test/1 (tests)");
    assertThat(log.toString()).contains("reconnecting").contains("Last-Event-ID 40");
  }

  /**
   * Purpose: the Wikimedia source keeps real events and drops canaries. Input: the recorded events
   * with one canary spliced in. Pass: every recorded event is converted to a record, the canary is
   * counted as dropped and not passed on.
   */
  @Test
  void wikimediaSourceDropsCanaryEvents() throws Exception {
    String canary =
        RECORDED.get(0).replace("\"domain\":\"en.wikipedia.org\"", "\"domain\":\"canary\"");
    assertThat(canary).isNotEqualTo(RECORDED.get(0));
    List<String> lines = new ArrayList<>(RECORDED);
    lines.add(10, canary);
    URI url = serve(lines, Integer.MAX_VALUE);
    PrintWriter log = new PrintWriter(new StringWriter(), true);
    WikimediaSource source = new WikimediaSource(WikimediaSource.client(url, log), false, log);
    List<GenericRecord> records = new ArrayList<>();

    source.feed(
        record -> {
          records.add(record);
          return records.size() < RECORDED.size();
        });

    assertThat(records).hasSize(RECORDED.size());
    assertThat(source.canariesDropped()).isEqualTo(1);
    assertThat(records.get(0).get("title").toString()).isEqualTo("EFL Championship");
    assertThat(userAgents.get(0)).startsWith("wikipulse/");
  }

  /**
   * Purpose: a connection that goes silent is dropped and resumed. Input: a server that sends 5
   * events and then holds the connection open without a byte. Pass: after the stall timeout the
   * client reconnects with Last-Event-ID 5 and gets the rest.
   */
  @Test
  void resumesAfterAStalledConnection() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(
        "/stream",
        exchange -> {
          String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
          lastEventIds.add(last == null ? "" : last);
          int from = last == null ? 0 : Integer.parseInt(last);
          exchange.sendResponseHeaders(200, 0);
          OutputStream body = exchange.getResponseBody();
          for (int i = from; i < 10; i++) {
            body.write(
                ("id: " + (i + 1) + "\ndata: e" + (i + 1) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.flush();
            if (last == null && i == 4) {
              try {
                Thread.sleep(3_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              break;
            }
          }
          body.close();
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stream");
    StringWriter log = new StringWriter();
    SseClient client =
        new SseClient(url, "x", Duration.ofMillis(500), 3, new PrintWriter(log, true));
    List<String> data = new ArrayList<>();

    client.stream(
        event -> {
          data.add(event.data());
          return data.size() < 10;
        });

    assertThat(data).containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10");
    assertThat(lastEventIds).containsExactly("", "5");
    assertThat(log.toString()).contains("stalled");
  }

  /** Purpose: a refusal is an error, not an endless retry. Pass: HTTP 403 throws at once. */
  @Test
  void aForbiddenAnswerFailsWithTheReason() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(403, -1);
          exchange.close();
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stream");
    SseClient client =
        new SseClient(url, "x", Duration.ofSeconds(5), 3, new PrintWriter(new StringWriter()));

    assertThatThrownBy(() -> client.stream(event -> true))
        .isInstanceOf(SseException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("User-Agent");
  }

  private URI serve(int dropAfter) throws IOException {
    return serve(RECORDED, dropAfter);
  }

  /**
   * Serves the lines as events 1..n, resuming after Last-Event-ID; the first answer stops early.
   */
  private URI serve(List<String> lines, int dropAfter) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v2/stream/recentchange", exchange -> replay(exchange, lines, dropAfter));
    server.start();
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/stream/recentchange");
  }

  private void replay(HttpExchange exchange, List<String> lines, int dropAfter) throws IOException {
    String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    lastEventIds.add(lastEventId == null ? "" : lastEventId);
    userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
    int from = lastEventId == null ? 0 : Integer.parseInt(lastEventId);
    boolean first = lastEventIds.size() == 1;
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(":ok\n\nretry: 50\n\n".getBytes(StandardCharsets.UTF_8));
      for (int i = from; i < lines.size(); i++) {
        if (first && i == dropAfter) {
          return;
        }
        String event = "event: message\nid: " + (i + 1) + "\ndata: " + lines.get(i) + "\n\n";
        body.write(event.getBytes(StandardCharsets.UTF_8));
        body.flush();
      }
    }
  }

  private static List<String> recorded() {
    try {
      return Files.readAllLines(
              Path.of(
                  SseClientTest.class.getResource("/samples/recentchange-sample.jsonl").toURI()))
          .stream()
          .filter(line -> !line.isBlank())
          .toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
