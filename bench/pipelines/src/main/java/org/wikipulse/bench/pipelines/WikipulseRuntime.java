package org.wikipulse.bench.pipelines;

import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.KafkaSink;
import org.wikipulse.ports.KafkaSource;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;

/** A wikipulse runtime found through the ports' SPI, with its default settings. */
final class WikipulseRuntime {
  /** The same local Spark for both Spark contestants: two cores, two shuffle partitions. */
  static final Map<String, String> SPARK_LOCAL =
      Map.of("spark.master", "local[2]", "spark.sql.shuffle.partitions", "2");

  private WikipulseRuntime() {}

  static void run(ContestantArgs args, String runtimeName) throws InterruptedException {
    AnalysisRuntime runtime =
        ServiceLoader.load(AnalysisRuntime.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.name().equals(runtimeName))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No runtime named " + runtimeName));
    PipelineSpec spec =
        new PipelineSpec(
            args.outputTopic(),
            new KafkaSource(
                args.bootstrapServers(), args.inputTopic(), KafkaSource.StartingOffsets.EARLIEST),
            new KafkaSink(
                args.bootstrapServers(),
                args.outputTopic(),
                args.deadLetterTopic(),
                args.outputSubject()),
            WindowSpec.DEFAULT,
            Duration.ofSeconds(60),
            args.stateDirectory(),
            runtimeName.equals("spark") ? SPARK_LOCAL : Map.of(),
            Map.of());
    RunningPipeline pipeline =
        runtime.start(
            spec,
            new ConfluentWireCodecs(
                RegistrySettings.of(args.registryUrl()), args.outputSubject()));
    Progress.report(() -> pipeline.progress().recordsIn());
    if (runtimeName.equals("spark")) {
      SparkBatches.report();
    }
    pipeline.awaitTermination(Duration.ofDays(1));
  }
}
