package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikipulse.app.metrics.MetricNames;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.DeadLetterReason;

/**
 * {@code /metrics}, {@code /health/live} and {@code /health/ready} of a real pipeline on the shared
 * stack, on each runtime, checked against what the pipeline did.
 */
class MetricsAndHealthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BOUND = Duration.ofSeconds(120);

  private final LocalStack stack = SharedLocalStack.get();

  @TempDir Path state;

  /**
   * Purpose: the same metric names, with the same labels, on both runtimes, with figures equal to
   * what the pipeline did; the probes answer as Kubernetes expects. Input: the 100 samples and 3
   * bad records (2 without the magic byte, 1 truncated header) on a one-partition topic. Pass:
   * before the pipeline starts, ready is 503 and live 200; while it runs, ready is 200 with every
   * check passing; records in equals the records written to the input; window rows written equals
   * the rows in the output topic (and the reference's); dead letters by reason equal the bad
   * records and sum to the dead-letter topic's records; the watermark is the samples' newest event
   * time minus the lateness; lag is 0; the registry was asked for the schema; the runtime's
   * histogram is there (close-to-output on Kafka Streams, one sample per row; micro-batches on
   * Spark) and the other runtime's absent; each partition's event time is there on both; JVM
   * metrics are there.
   */
  @ParameterizedTest
  @ValueSource(strings = {"kafka-streams", "spark"})
  void metricsAndProbesOfARunningPipeline(String runtime) throws Exception {
    int expectedRows = LivePipeline.expectedRows().size();
    try (LivePipeline pipeline = LivePipeline.prepare(stack, runtime, state)) {
      assertThat(pipeline.get("health/ready").statusCode()).isEqualTo(503);
      assertThat(pipeline.get("health/live").statusCode()).isEqualTo(200);

      pipeline.start();
      pipeline.await("ready answers 200", BOUND, () -> status(pipeline, "health/ready") == 200);
      AtomicReference<PrometheusScrape> scrape = new AtomicReference<>();
      pipeline.await(
          "all records read and " + expectedRows + " window rows written",
          BOUND,
          () -> {
            scrape.set(scrape(pipeline));
            return scrape.get().value(MetricNames.RECORDS_IN).orElse(-1) == pipeline.recordsWritten
                && scrape.get().value(MetricNames.WINDOW_ROWS_WRITTEN).orElse(-1) == expectedRows;
          });
      PrometheusScrape metrics = scrape.get();

      JsonNode ready = JSON.readTree(pipeline.get("health/ready").body());
      assertThat(ready.get("status").asText()).isEqualTo("UP");
      assertThat(ready.at("/checks/pipeline").asText()).isEqualTo("running");
      assertThat(ready.at("/checks/kafka").asText()).isEqualTo("reachable");
      assertThat(ready.at("/checks/registry").asText()).isEqualTo("reachable");

      assertThat(metrics.find(MetricNames.RECORDS_IN, "runtime", runtime)).hasSize(1);
      assertThat(pipeline.recordsIn(pipeline.config.topics().output(), stack))
          .isEqualTo(expectedRows);
      assertThat(metrics.value(MetricNames.DEAD_LETTERS, "reason", "BAD_MAGIC_BYTE"))
          .hasValue(LivePipeline.BAD_MAGIC_BYTES);
      assertThat(metrics.value(MetricNames.DEAD_LETTERS, "reason", "TRUNCATED_HEADER"))
          .hasValue(LivePipeline.TRUNCATED_HEADERS);
      assertThat(metrics.find(MetricNames.DEAD_LETTERS)).hasSize(DeadLetterReason.values().length);
      double deadLetters =
          metrics.find(MetricNames.DEAD_LETTERS).stream()
              .mapToDouble(PrometheusScrape.Sample::value)
              .sum();
      assertThat(deadLetters)
          .isEqualTo(LivePipeline.BAD_RECORDS.size())
          .isEqualTo(pipeline.recordsIn(pipeline.config.topics().deadLetters(), stack));
      assertThat(metrics.value(MetricNames.EVENTS_COUNTED)).isPresent();
      assertThat(metrics.value(MetricNames.LATE_EVENTS_DROPPED)).isPresent();

      // Kafka Streams' merger hears a partition's watermark once per slide (all that closing
      // windows needs), so its watermark may be up to a slide behind the newest event's.
      double newestWatermark = (LivePipeline.newestEventTimeMs() - 60_000) / 1000.0;
      double lastWindowEnd =
          LivePipeline.expectedRows().stream()
              .mapToLong(row -> row.window().end().getEpochSecond())
              .max()
              .orElseThrow();
      assertThat(metrics.value(MetricNames.WATERMARK).orElseThrow())
          .isLessThanOrEqualTo(newestWatermark)
          .isGreaterThan(newestWatermark - 30)
          .isGreaterThanOrEqualTo(lastWindowEnd);
      pipeline.await(
          "lag 0 on partition 0",
          BOUND,
          () ->
              scrape(pipeline).value(MetricNames.PARTITION_LAG, "partition", "0").orElse(-1) == 0);
      assertThat(metrics.value(MetricNames.REGISTRY_LOOKUPS).orElseThrow()).isPositive();
      assertThat(metrics.value(MetricNames.REGISTRY_CACHE_HITS)).isPresent();
      assertThat(metrics.has("jvm_memory_used_bytes")).isTrue();

      // Both runtimes keep each partition's event time (the Spark runtime in its partition stages).
      assertThat(metrics.value(MetricNames.PARTITION_EVENT_TIME, "partition", "0").orElseThrow())
          .isCloseTo(LivePipeline.newestEventTimeMs() / 1000.0, within(0.001));
      if (runtime.equals("kafka-streams")) {
        assertThat(metrics.value(MetricNames.CLOSE_TO_OUTPUT + "_count")).hasValue(expectedRows);
        assertThat(metrics.has(MetricNames.MICRO_BATCH_DURATION + "_count")).isFalse();
      } else {
        assertThat(metrics.has(MetricNames.CLOSE_TO_OUTPUT + "_count")).isFalse();
        // The rows are committed inside their micro-batch; Spark reports the batch just after.
        pipeline.await(
            "a micro-batch measured",
            BOUND,
            () ->
                scrape(pipeline).value(MetricNames.MICRO_BATCH_DURATION + "_count").orElse(0) > 0);
      }
    }
  }

  /**
   * Purpose: a taken port stops the command at once with one line naming {@code http.port}. Input:
   * {@code run} with http.port set to a port this test listens on. Pass: exit code 2, one line on
   * stderr that names http.port and the port.
   */
  @Test
  void aTakenPortStopsRunWithOneLineNamingHttpPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.of("run", "--set", "http.port=" + taken.getLocalPort());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().lines().toList())
          .singleElement()
          .asString()
          .startsWith("wikipulse: ")
          .contains("http.port")
          .contains(Integer.toString(taken.getLocalPort()));
    }
  }

  private static PrometheusScrape scrape(LivePipeline pipeline) {
    try {
      HttpResponse<String> response = pipeline.get("metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/plain; version=0.0.4");
      return PrometheusScrape.parse(response.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int status(LivePipeline pipeline, String path) {
    try {
      return pipeline.get(path).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
