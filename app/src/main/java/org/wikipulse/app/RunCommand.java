package org.wikipulse.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.wikipulse.app.config.Durations;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.http.OpsServer;
import org.wikipulse.app.kafka.JobTopics;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.AnalysisRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the analysis on the chosen runtime until Ctrl-C: prints each finished window as it is"
          + " written and a status line every status-interval."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Option(
      names = "--runtime",
      paramLabel = "NAME",
      description = "kafka-streams or spark (default: the runtime key)")
  String runtime;

  @Option(
      names = "--max-results",
      paramLabel = "N",
      description = "Stop after N output rows have been written")
  long maxResults = Long.MAX_VALUE;

  @Option(names = "--duration", paramLabel = "D", description = "Stop after this long, e.g. 10m")
  String duration;

  @Override
  public Integer call() throws InterruptedException {
    WikipulseConfig config = runtime == null ? options.load() : options.load("runtime=" + runtime);
    Duration limit = duration == null ? null : Durations.parse(duration);
    AnalysisRuntime analysis = RuntimeCatalog.find(config.runtime());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // What the runtime can start without Kafka or the registry (a Spark context) overlaps the
    // checks of them below instead of following them.
    try (AnalysisRuntime.Preparation prepared = analysis.prepare(config.pipelineSpec())) {
      Optional<OpsServer> ops = OpsServer.start(config, analysis.name());
      try {
        StartChecks.check(config);
        List<String> created = JobTopics.ensureAll(config);
        if (!created.isEmpty()) {
          err.println("wikipulse: created topics " + String.join(", ", created));
        }
        ops.ifPresent(
            server ->
                err.println(
                    "wikipulse: serving metrics at "
                        + server.address().resolve("metrics")
                        + ", probes at /health/live and /health/ready, the dashboard at "
                        + server.address()));
        return new PipelineSession(
                config,
                analysis,
                err,
                "Ctrl-C stops it and keeps its state for the next start",
                ops)
            .run(
                false,
                maxResults,
                limit,
                rows -> {
                  for (WindowCount row : rows) {
                    out.println(WindowRows.line(row));
                  }
                  out.flush();
                },
                true);
      } finally {
        ops.ifPresent(OpsServer::close);
      }
    }
  }
}
