package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.http.OpsServer;
import org.wikipulse.app.kafka.JobTopics;
import org.wikipulse.app.kafka.KafkaClients;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.ReferenceAnalysis;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.LocalStack;

/**
 * A pipeline session as {@code run} starts it, with its HTTP server on a free port, over the real
 * samples and a few bad records on a one-partition input of the shared stack; for tests that watch
 * it from outside while it runs.
 */
final class LivePipeline implements AutoCloseable {
  /** Two records without the magic byte, one shorter than the header. */
  static final List<byte[]> BAD_RECORDS =
      List.of(
          "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8),
          "plain text".getBytes(StandardCharsets.UTF_8),
          new byte[] {0, 0});

  static final int BAD_MAGIC_BYTES = 2;
  static final int TRUNCATED_HEADERS = 1;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final WikipulseConfig config;
  final OpsServer server;
  final int recordsWritten;
  private final PipelineSession session;
  private final StringWriter log = new StringWriter();
  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private Future<Integer> run;

  private LivePipeline(WikipulseConfig config, String runtime, int recordsWritten) {
    this.config = config;
    this.recordsWritten = recordsWritten;
    this.server = OpsServer.start(config, runtime).orElseThrow();
    this.session =
        new PipelineSession(
            config,
            RuntimeCatalog.find(runtime),
            new PrintWriter(log, true),
            "stopped by the test",
            Optional.of(server));
  }

  /**
   * Writes the samples and the bad records to a one-partition input and binds the server; {@link
   * #start()} starts the pipeline.
   */
  static LivePipeline prepare(LocalStack stack, String runtime, Path state) throws Exception {
    return prepare(
        stack,
        runtime,
        state,
        1,
        List.of("--source", "file:" + Samples.RECENT_CHANGES),
        Samples.events().size());
  }

  /**
   * Writes {@code ingest}'s records and the bad records to an input of the given partitions and
   * binds the server.
   *
   * @param ingestOptions the options of an {@code ingest} command that writes {@code events}
   */
  static LivePipeline prepare(
      LocalStack stack,
      String runtime,
      Path state,
      int partitions,
      List<String> ingestOptions,
      int events)
      throws Exception {
    String input = Samples.unique("ops-in-" + runtime);
    WikipulseConfig config =
        WikipulseConfig.of(
            "runtime=" + runtime,
            "application-id=" + input,
            "kafka.bootstrap-servers=" + stack.bootstrapServers(),
            "registry.url=" + stack.registryUrl(),
            "topics.input=" + input,
            "topics.output=" + input + ".out",
            "topics.dead-letters=" + input + ".dlq",
            "kafka.topic-partitions=" + partitions,
            "state-dir=" + state,
            "idle-timeout=5s",
            "status-interval=1s",
            "http.port=0");
    JobTopics.ensureAll(config);
    List<String> command = new ArrayList<>(List.of("ingest"));
    command.addAll(ingestOptions);
    CliRun ingest =
        CliRun.of(
            Samples.args(
                command,
                List.of(
                    "--set", "topics.input=" + input,
                    "--set", "kafka.bootstrap-servers=" + stack.bootstrapServers(),
                    "--set", "registry.url=" + stack.registryUrl())));
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config)) {
      for (byte[] bad : BAD_RECORDS) {
        producer.send(new ProducerRecord<>(input, 0, null, bad)).get();
      }
    }
    return new LivePipeline(config, runtime, events + BAD_RECORDS.size());
  }

  void start() {
    run =
        runner.submit(
            () -> session.run(true, Long.MAX_VALUE, Duration.ofMinutes(3), rows -> {}, true));
  }

  /**
   * The rows the reference writes for the samples before any flush: what the pipeline must write.
   */
  static List<WindowCount> expectedRows() throws Exception {
    ReferenceAnalysis reference = new ReferenceAnalysis(WindowSpec.DEFAULT, 1);
    List<WindowCount> rows = new ArrayList<>();
    for (EditEvent event : Samples.events()) {
      rows.addAll(reference.accept(0, event));
    }
    return rows;
  }

  /** The newest event time of the samples. */
  static long newestEventTimeMs() throws Exception {
    return Samples.events().stream()
        .mapToLong(e -> e.eventTime().toEpochMilli())
        .max()
        .orElseThrow();
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.address().resolve(path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String log() {
    return log.toString();
  }

  /**
   * Waits for a condition, polling, and fails with the message and the session's log if it is not
   * met.
   */
  void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + bound + ": " + what + "\nsession log:\n" + log());
      }
      if (run != null && run.isDone()) {
        throw new AssertionError("The session ended while waiting for " + what + ":\n" + log());
      }
      Thread.sleep(250);
    }
  }

  /** The records now in a topic, read to its end with {@code consume}. */
  int recordsIn(String topic, LocalStack stack) {
    CliRun consume =
        CliRun.of(
            "consume",
            "--topic",
            topic,
            "--from-beginning",
            "--idle-timeout",
            "3s",
            "--set",
            "kafka.bootstrap-servers=" + stack.bootstrapServers(),
            "--set",
            "registry.url=" + stack.registryUrl());
    assertThat(consume.exitCode()).as(consume.err()).isZero();
    return (int) consume.out().lines().count();
  }

  @Override
  public void close() throws Exception {
    try {
      session.stop();
      if (run != null) {
        assertThat(run.get(90, TimeUnit.SECONDS)).as(log()).isZero();
      }
    } finally {
      runner.shutdownNow();
      server.close();
    }
  }
}
