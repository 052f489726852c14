package org.wikipulse.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.Window;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.PipelineMetrics;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.RunningPipeline;

/** {@code ops/grafana/wikipulse.json} against what the application really exports. */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("..", "ops", "grafana", "wikipulse.json");

  /** A name in a PromQL expression: a metric, a function, a label or a keyword. */
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /** PromQL functions with an underscore, which the metric-name rule below would take for one. */
  private static final Set<String> FUNCTIONS =
      Set.of(
          "histogram_quantile",
          "label_values",
          "label_replace",
          "label_join",
          "group_left",
          "group_right",
          "count_values",
          "avg_over_time",
          "max_over_time",
          "min_over_time",
          "sum_over_time",
          "quantile_over_time",
          "__range",
          "__rate_interval",
          "__interval");

  /**
   * Purpose: every query of the Grafana dashboard names a metric that the application exports, so
   * that no panel stays empty because of a typo or a renamed metric. Input: the dashboard file, and
   * a scrape of the meters bound to a pipeline that reports every figure (as a pipeline of either
   * runtime would, together), with one observation of each histogram. Pass: the file has panels
   * with queries; every metric name in every query (panels and template variables) is in the
   * scrape; the dashboard covers throughput, lag, watermark, late, dead letters and the bot share.
   */
  @Test
  void everyQueryNamesAnExportedMetric() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    List<String> queries = new ArrayList<>();
    collectQueries(dashboard, queries);
    Set<String> exported = exportedNames();

    assertThat(dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(6);
    assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
    Set<String> used = new TreeSet<>();
    for (String query : queries) {
      Set<String> names = metricNames(query);
      assertThat(names).as("metric names in %s", query).isNotEmpty();
      assertThat(exported).as("exported metrics, for the query %s", query).containsAll(names);
      used.addAll(names);
    }
    assertThat(used)
        .contains(
            MetricNames.RECORDS_IN,
            MetricNames.PARTITION_LAG,
            MetricNames.WATERMARK,
            MetricNames.LATE_EVENTS_DROPPED,
            MetricNames.DEAD_LETTERS,
            MetricNames.WINDOW_EDITS);
  }

  /**
   * Purpose: the name list others rely on (this test, the README's table) is what a scrape shows.
   * Pass: every name in {@link MetricNames#ALL}, with a histogram's {@code _count}, is in the
   * scrape of a pipeline that reports everything.
   */
  @Test
  void everyListedNameIsExported() {
    Set<String> exported = exportedNames();

    for (String name : MetricNames.ALL) {
      String sample =
          name.equals(MetricNames.CLOSE_TO_OUTPUT) || name.equals(MetricNames.MICRO_BATCH_DURATION)
              ? name + "_count"
              : name;
      assertThat(exported).as("the scrape").contains(sample);
    }
  }

  private static void collectQueries(JsonNode node, List<String> queries) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                if ((field.getKey().equals("expr") || field.getKey().equals("definition"))
                    && field.getValue().isTextual()) {
                  queries.add(field.getValue().asText());
                } else {
                  collectQueries(field.getValue(), queries);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectQueries(child, queries));
    }
  }

  /**
   * The metric names of a query: identifiers outside label matchers, strings and ranges that are
   * snake_case with an underscore (labels here are single words) and not a function.
   */
  static Set<String> metricNames(String query) {
    String bare =
        query
            .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("\\{[^}]*}", "")
            .replaceAll("\\[[^\\]]*\\]", "");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(bare);
    while (matcher.find()) {
      String token = matcher.group();
      if (token.contains("_") && !FUNCTIONS.contains(token) && !token.startsWith("__")) {
        names.add(token);
      }
    }
    return names;
  }

  private static Set<String> exportedNames() {
    try (PipelineMeters meters = new PipelineMeters("kafka-streams")) {
      meters.bindRegistry(RegistrySettings.of("http://127.0.0.1:1").connect());
      meters.bindPipeline(new EverythingMeasured());
      meters.rowWritten(Duration.ofMillis(120));
      meters.microBatchCompleted(Duration.ofMillis(800));
      meters.rowsWritten(
          List.of(
              new WindowCount(
                  new Window(
                      Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z")),
                  Actor.BOT,
                  3)));
      Set<String> names = new TreeSet<>();
      for (String line : meters.scrape().split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          Matcher name = IDENTIFIER.matcher(line);
          if (name.lookingAt()) {
            names.add(name.group());
          }
        }
      }
      return names;
    }
  }

  /** A pipeline that reports every figure the port has. */
  private static final class EverythingMeasured implements RunningPipeline {
    @Override
    public PipelineProgress progress() {
      return new PipelineProgress(10, 8, 1, 2, 4);
    }

    @Override
    public PipelineMetrics metrics() {
      Map<DeadLetterReason, Long> reasons = new EnumMap<>(DeadLetterReason.class);
      for (DeadLetterReason reason : DeadLetterReason.values()) {
        reasons.put(reason, 1L);
      }
      Instant time = Instant.parse("2026-01-01T00:02:00Z");
      return new PipelineMetrics(Optional.of(time), Map.of(0, time), Map.of(0, 5L), reasons);
    }

    @Override
    public boolean awaitTermination(Duration timeout) {
      return false;
    }

    @Override
    public void close() {}
  }
}
