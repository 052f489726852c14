package org.wikipulse.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.wikipulse.app.config.ConfigException;
import org.wikipulse.app.config.HttpSettings;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.metrics.PipelineMeters;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.PipelineObserver;
import org.wikipulse.ports.RunningPipeline;

/**
 * The HTTP server of {@code run} and {@code demo}: {@code /metrics} (Prometheus text format),
 * {@code /health/live} and {@code /health/ready} (Kubernetes probes: 200 or 503), and the live
 * dashboard at {@code /} with its data at {@code /api/dashboard}. Every answer is built from what
 * is already in memory; nothing on the request path waits on the network.
 *
 * <p>The JDK's own server ({@code com.sun.net.httpserver}): a handful of GET routes need no
 * framework, and the only other server on the classpath is Spark's relocated Jetty, which is not
 * ours to build on.
 */
public final class OpsServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UPLOT = uplotDirectory();

  private final WikipulseConfig config;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final PipelineMeters meters;
  private final Readiness readiness;
  private final DashboardFeed feed;
  private DeadLetterTail deadLetterTail;

  private OpsServer(WikipulseConfig config, String runtime, HttpServer server) {
    this.config = config;
    this.server = server;
    this.meters = new PipelineMeters(runtime);
    meters.bindRegistry(config.registrySettings().connect());
    this.readiness = new Readiness(config);
    this.feed = new DashboardFeed(runtime, meters);
    this.handlers =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "wikipulse-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Binds and starts serving, unless {@code http.enabled} is false.
   *
   * @throws ConfigException naming {@code http.port} when the port is taken
   */
  public static Optional<OpsServer> start(WikipulseConfig config, String runtime) {
    HttpSettings http = config.http();
    if (!http.enabled()) {
      return Optional.empty();
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(http.bind(), http.port()), 0);
    } catch (BindException e) {
      throw new ConfigException(
          "http.port",
          "Cannot serve HTTP on "
              + http.bind()
              + ":"
              + http.port()
              + " ("
              + e.getMessage()
              + "): choose another http.port (0 for any free one), or set http.enabled=false");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(new OpsServer(config, runtime, server));
  }

  /** Where it listens, such as {@code http://127.0.0.1:8099/}. */
  public URI address() {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getHostString();
    return URI.create("http://" + host + ":" + bound.getPort() + "/");
  }

  /** Hears the runtime's timings for the histograms. */
  public PipelineObserver observer() {
    return meters;
  }

  /** Exports the started pipeline's figures and starts checking readiness. */
  public synchronized void pipelineStarted(RunningPipeline pipeline) {
    meters.bindPipeline(pipeline);
    readiness.pipelineStarted(pipeline);
    deadLetterTail = new DeadLetterTail(config);
    feed.deadLettersFrom(deadLetterTail);
  }

  /** Output rows as the session reads them. */
  public void rowsWritten(List<WindowCount> rows) {
    if (!rows.isEmpty()) {
      feed.rowsWritten(rows);
      meters.rowsWritten(rows);
    }
  }

  /** The session is stopping the pipeline: not ready from now on. */
  public void stopping() {
    readiness.stopping();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "Only GET and HEAD\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      switch (path) {
        case "/metrics" ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape());
        case "/health/live" -> live(exchange);
        case "/health/ready" -> ready(exchange);
        case "/api/dashboard" -> respond(exchange, 200, "application/json", feed.json());
        case "/", "/index.html" ->
            resource(exchange, "text/html; charset=utf-8", OpsServer.class, "dashboard.html");
        case "/dashboard.js" ->
            resource(exchange, "text/javascript; charset=utf-8", OpsServer.class, "dashboard.js");
        case "/dashboard.css" ->
            resource(exchange, "text/css; charset=utf-8", OpsServer.class, "dashboard.css");
        case "/assets/uPlot.iife.min.js" ->
            resource(
                exchange,
                "text/javascript; charset=utf-8",
                OpsServer.class,
                UPLOT + "uPlot.iife.min.js");
        case "/assets/uPlot.min.css" ->
            resource(exchange, "text/css; charset=utf-8", OpsServer.class, UPLOT + "uPlot.min.css");
        default -> respond(exchange, 404, "text/plain; charset=utf-8", "Not found: " + path + "\n");
      }
    } catch (RuntimeException e) {
      // The exchange is closed; the client sees the connection end. Say why here.
      System.err.println("wikipulse: HTTP " + exchange.getRequestURI() + " failed: " + e);
    }
  }

  private void live(HttpExchange exchange) throws IOException {
    Readiness.Verdict verdict = readiness.verdict();
    boolean live = !verdict.failed();
    respondJson(
        exchange,
        live ? 200 : 503,
        live ? "UP" : "DOWN",
        live ? Map.of() : Map.of("pipeline", verdict.checks().get("pipeline")));
  }

  private void ready(HttpExchange exchange) throws IOException {
    Readiness.Verdict verdict = readiness.verdict();
    respondJson(
        exchange, verdict.ready() ? 200 : 503, verdict.ready() ? "UP" : "DOWN", verdict.checks());
  }

  private static void respondJson(
      HttpExchange exchange, int code, String status, Map<String, String> checks)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("status", status);
    ObjectNode details = body.putObject("checks");
    checks.forEach(details::put);
    respond(exchange, code, "application/json", body.toString());
  }

  private static void resource(
      HttpExchange exchange, String contentType, Class<?> anchor, String name) throws IOException {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        respond(exchange, 404, "text/plain; charset=utf-8", "Missing resource " + name + "\n");
        return;
      }
      send(exchange, 200, contentType, in.readAllBytes());
    }
  }

  private static void respond(HttpExchange exchange, int code, String contentType, String body)
      throws IOException {
    send(exchange, code, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int code, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(code, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** uPlot's files in its webjar, whose version the jar's Maven properties name. */
  private static String uplotDirectory() {
    Properties properties = new Properties();
    try (InputStream in =
        OpsServer.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "/META-INF/resources/webjars/uplot/"
        + properties.getProperty("version", "missing")
        + "/dist/";
  }

  @Override
  public synchronized void close() {
    readiness.stopping();
    server.stop(0);
    handlers.shutdownNow();
    readiness.close();
    if (deadLetterTail != null) {
      deadLetterTail.close();
    }
    meters.close();
  }
}
