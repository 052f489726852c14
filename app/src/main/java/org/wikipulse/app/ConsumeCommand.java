package org.wikipulse.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.wikipulse.app.config.Durations;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.consume.JsonLinesFormat;
import org.wikipulse.app.consume.RecordFormat;
import org.wikipulse.app.consume.TableFormat;
import org.wikipulse.app.consume.TopicReader;
import org.wikipulse.app.kafka.KafkaClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = {
      "Prints any Confluent Avro topic, each value decoded with its own writer schema, as JSON"
          + " lines or an aligned table. Dead letters print with their error headers."
    })
final class ConsumeCommand implements Callable<Integer> {
  enum Format {
    json,
    table
  }

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the oldest record, not at the end")
  boolean fromBeginning;

  @Option(names = "--format", paramLabel = "FORMAT", description = "json (default) or table")
  Format format = Format.json;

  @Option(names = "--max-messages", paramLabel = "N", description = "Stop after N records")
  long maxMessages = Long.MAX_VALUE;

  @Option(
      names = "--idle-timeout",
      paramLabel = "D",
      description = "Stop when nothing arrives for this long, e.g. 5s")
  String idleTimeout;

  @Override
  public Integer call() throws InterruptedException {
    WikipulseConfig config = options.load();
    Duration idle = idleTimeout == null ? null : Durations.parse(idleTimeout);
    PrintWriter out = spec.commandLine().getOut();
    StartChecks.check(config);
    RecordFormat printer = format == Format.table ? new TableFormat(out) : new JsonLinesFormat(out);
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.reader(config, "wikipulse-consume")) {
      TopicReader reader = new TopicReader(consumer, Registries.client(config));
      reader.assign(topic, fromBeginning, config.connectTimeout());
      CountDownLatch finished = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                reader.stop();
                try {
                  finished.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "wikipulse-consume-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        long printed = reader.read(printer, maxMessages, idle);
        spec.commandLine().getErr().println("wikipulse: " + printed + " records from " + topic);
        return 0;
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // Shutting down already.
        }
      }
    }
  }
}
