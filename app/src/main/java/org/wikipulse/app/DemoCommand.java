package org.wikipulse.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.http.OpsServer;
import org.wikipulse.app.ingest.GeneratorSource;
import org.wikipulse.app.ingest.IngestProgress;
import org.wikipulse.app.ingest.Ingestor;
import org.wikipulse.app.ingest.Pacer;
import org.wikipulse.app.kafka.JobTopics;
import org.wikipulse.app.kafka.KafkaClients;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.LocalStackStartException;
import org.wikipulse.ports.AnalysisRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Everything in one command: a local Kafka and schema registry, the synthetic generator at a"
          + " compressed pace, the analysis on the chosen runtime, and a live table of finished"
          + " windows. Ctrl-C stops it all and deletes its data."
    })
final class DemoCommand implements Callable<Integer> {
  private static final Duration MAX_DISORDER = Duration.ofSeconds(10);

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Option(
      names = "--runtime",
      paramLabel = "NAME",
      description = "kafka-streams or spark (default: the runtime key)")
  String runtime;

  @Option(
      names = "--speedup",
      paramLabel = "X",
      description = "Event time runs X times faster than the clock (default 10)")
  double speedup = 10;

  @Option(names = "--seed", paramLabel = "N", description = "Generator seed (default 42)")
  long seed = 42;

  @Option(names = "--windows", paramLabel = "N", description = "Stop after N finished windows")
  int windows = Integer.MAX_VALUE;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path workDir = Files.createTempDirectory("wikipulse-demo-");
    WikipulseConfig requested =
        runtime == null ? options.load() : options.load("runtime=" + runtime);
    AnalysisRuntime analysis = RuntimeCatalog.find(requested.runtime());
    err.println("wikipulse: starting a local Kafka and schema registry...");
    LocalStack stack;
    try {
      stack = LocalStack.start(workDir.resolve("stack"), 0, 0);
    } catch (LocalStackStartException e) {
      err.println("wikipulse: the local stack did not start: " + e.getMessage());
      return 3;
    }
    // On Ctrl-C: stop the session, let this thread tidy up, and make sure the broker and the
    // registry, separate processes, never outlive the demo.
    AtomicReference<PipelineSession> running = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(1);
    Thread stackHook =
        new Thread(
            () -> {
              PipelineSession session = running.get();
              if (session != null) {
                session.stop();
              }
              try {
                finished.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              stack.close();
            },
            "wikipulse-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(stackHook);
    Optional<OpsServer> ops = Optional.empty();
    try (stack) {
      WikipulseConfig config =
          options.load(
              "runtime=" + requested.runtime(),
              "kafka.bootstrap-servers=" + stack.bootstrapServers(),
              "registry.url=" + stack.registryUrl(),
              "state-dir=" + workDir.resolve("state"),
              "idle-timeout=10s",
              "status-interval=15s");
      JobTopics.ensureAll(config);
      ops = OpsServer.start(config, analysis.name());
      ops.ifPresent(
          server ->
              err.println(
                  "wikipulse: the live dashboard is at "
                      + server.address()
                      + " (Prometheus metrics at "
                      + server.address().resolve("metrics")
                      + ")"));
      RecentChangeWriter writer =
          new RecentChangeWriter(
              Registries.client(config), config.topics().inputSubject(), AvroSchemas.RECENT_CHANGE);
      writer.schemaId();
      try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config)) {
        Ingestor ingestor =
            new Ingestor(
                producer,
                config.topics().input(),
                writer,
                Pacer.speedup(speedup),
                Long.MAX_VALUE,
                new PrintWriter(java.io.Writer.nullWriter()),
                IngestProgress.none());
        Thread ingest =
            new Thread(
                () -> {
                  try {
                    ingestor.run(
                        new GeneratorSource(
                            seed, firstEventTime(config.windows().slide()), 50, MAX_DISORDER));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (RuntimeException e) {
                    err.println("wikipulse: the generator stopped: " + e.getMessage());
                  }
                },
                "wikipulse-demo-generator");
        ingest.setDaemon(true);
        ingest.start();
        err.printf(
            "wikipulse: generating about 50 edits per event-time second, %.0fx faster than real"
                + " time; the first window shows when event time has passed its end plus the"
                + " 60 s lateness%n",
            speedup);
        WindowTable table = new WindowTable(out, 1500);
        PipelineSession session =
            new PipelineSession(
                config, analysis, err, "Ctrl-C stops everything and deletes the demo's data", ops);
        running.set(session);
        int code =
            session.run(
                true,
                Long.MAX_VALUE,
                null,
                rows -> {
                  table.accept(rows, System.nanoTime());
                  if (table.printed() >= windows) {
                    session.stop();
                  }
                },
                true);
        ingestor.stop();
        ingest.join(10_000);
        return code;
      }
    } finally {
      ops.ifPresent(OpsServer::close);
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(stackHook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook has waited for the close above.
      }
    }
  }

  /**
   * Just after a window boundary, by the generator's disorder, so that no early-late event falls
   * into a window before the stream began.
   */
  private static Instant firstEventTime(Duration slide) {
    long now = System.currentTimeMillis();
    return Instant.ofEpochMilli(now - Math.floorMod(now, slide.toMillis())).plus(MAX_DISORDER);
  }
}
