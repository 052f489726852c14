package org.wikipulse.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.ingest.FileReplaySource;
import org.wikipulse.app.ingest.GeneratorSource;
import org.wikipulse.app.ingest.IngestProgress;
import org.wikipulse.app.ingest.Ingestor;
import org.wikipulse.app.ingest.Pacer;
import org.wikipulse.app.ingest.RecentChangeSource;
import org.wikipulse.app.ingest.WikimediaSource;
import org.wikipulse.app.kafka.JobTopics;
import org.wikipulse.app.kafka.KafkaClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Produces recentchange events to the input topic in Confluent Avro, registering the writer"
          + " schema under subjects.input on first use."
    })
final class IngestCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "SOURCE",
      description = "wikimedia (the live feed), file:PATH (JSON lines), or generator")
  String source;

  @Option(names = "--rate", paramLabel = "N", description = "At most N events per second")
  Double rate;

  @Option(
      names = "--speedup",
      paramLabel = "X",
      description = "Pace by event time, X times faster than it happened (file, generator)")
  Double speedup;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N events")
  long limit = Long.MAX_VALUE;

  @Option(
      names = "--schema",
      paramLabel = "FILE",
      description =
          "Write under this Avro writer schema (e.g. an evolved one) instead of the"
              + " built-in RecentChange")
  Path schemaFile;

  @Option(
      names = "--rebase-time",
      description = "file: shift event times so that the first event happens now")
  boolean rebaseTime;

  @Option(
      names = "--keep-canary",
      description = "wikimedia: keep Wikimedia's canary events (dropped by default)")
  boolean keepCanary;

  @Option(names = "--seed", paramLabel = "N", description = "generator: seed (default 42)")
  long seed = 42;

  @Option(
      names = "--events-per-second",
      paramLabel = "N",
      description = "generator: events per second of event time (default 50)")
  double eventsPerSecond = 50;

  @Option(
      names = "--stream-url",
      paramLabel = "URL",
      description = "wikimedia: another EventStreams URL, such as a mirror")
  URI streamUrl = WikimediaSource.RECENT_CHANGE_STREAM;

  @Override
  public Integer call() throws InterruptedException {
    WikipulseConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (rate != null && speedup != null) {
      throw new ParameterException(spec.commandLine(), "Choose --rate or --speedup, not both");
    }
    Schema writerSchema = writerSchema();
    RecentChangeSource events = source(err);
    Pacer pacer =
        rate != null
            ? Pacer.rate(rate)
            : speedup != null ? Pacer.speedup(speedup) : Pacer.unpaced();
    StartChecks.check(config);
    JobTopics.ensureInput(config);
    RecentChangeWriter writer =
        new RecentChangeWriter(
            Registries.client(config), config.topics().inputSubject(), writerSchema);
    int schemaId = writer.schemaId();
    err.println(
        "wikipulse: ingesting "
            + events.describe()
            + " into "
            + config.topics().input()
            + " (subject "
            + config.topics().inputSubject()
            + ", schema id "
            + schemaId
            + ")");
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config)) {
      Ingestor ingestor =
          new Ingestor(
              producer, config.topics().input(), writer, pacer, limit, err, progress(events, err));
      CountDownLatch finished = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                ingestor.stop();
                try {
                  finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "wikipulse-ingest-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        Ingestor.Summary summary = ingestor.run(events);
        out.println(summary.describe(config.topics().input()));
        out.flush();
        return summary.failed() > 0 ? 1 : 0;
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // Shutting down already: the hook waits for the flush above.
        }
      }
    }
  }

  /**
   * A progress line on a terminal, with the time left when the total is known (a file's lines, or
   * --limit); elsewhere none: the summary is the one line a log needs.
   */
  private IngestProgress progress(RecentChangeSource events, PrintWriter err) {
    if (System.console() == null) {
      return IngestProgress.none();
    }
    OptionalLong total = events.size();
    if (limit != Long.MAX_VALUE) {
      total = OptionalLong.of(Math.min(limit, total.orElse(Long.MAX_VALUE)));
    }
    return IngestProgress.onTerminal(err, total, Duration.ofMillis(500));
  }

  private Schema writerSchema() {
    if (schemaFile == null) {
      return AvroSchemas.RECENT_CHANGE;
    }
    try {
      return AvroSchemas.parse(Files.readString(schemaFile));
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "--schema: cannot read " + schemaFile + ": " + e.getMessage());
    } catch (SchemaParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--schema: " + schemaFile + " is not an Avro schema: " + e.getMessage());
    }
  }

  private RecentChangeSource source(PrintWriter err) {
    if (source.equals("wikimedia")) {
      return new WikimediaSource(WikimediaSource.client(streamUrl, err), keepCanary, err);
    }
    if (source.equals("generator")) {
      return new GeneratorSource(
          seed, Instant.now().with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0),
          eventsPerSecond, Duration.ofSeconds(10));
    }
    if (source.startsWith("file:")) {
      Path file = Path.of(source.substring("file:".length()));
      if (!Files.isRegularFile(file)) {
        throw new ParameterException(spec.commandLine(), "--source: no such file " + file);
      }
      return new FileReplaySource(file, rebaseTime, Clock.systemUTC(), err);
    }
    throw new ParameterException(
        spec.commandLine(),
        "--source must be wikimedia, file:PATH or generator, was '" + source + "'");
  }
}
