package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;

/**
 * The dashboard page in a real headless Chromium, driven by Selenium through Debian's chromedriver
 * (never a downloaded one), against a running pipeline on the shared stack.
 */
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration BOUND = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 20 events per event-time second for 6 minutes: a dozen finished windows. */
  private static final int EVENTS = 7200;

  private final LocalStack stack = SharedLocalStack.get();

  @TempDir Path state;
  @TempDir Path profile;

  /**
   * Purpose: the page shows the pipeline's finished windows as they are written, with the status
   * figures and the recent dead letters, in a real browser. Input: 7,200 generated events (6
   * minutes of event time) and 3 bad records on a 3-partition topic, Kafka Streams. Pass: the
   * chart's data and the window table show at least two finished windows; once the pipeline has
   * written everything, every window's Bot, Human and Unknown counts on the page equal the sums of
   * the rows in the output topic, window for window; "in" equals the records written, "dead
   * letters" the bad records, and the dead-letter table names both reasons. A screenshot is saved
   * under target/.
   */
  @Test
  void thePageShowsTheWindowsOfTheOutputTopic() throws Exception {
    requireBrowser();
    try (LivePipeline pipeline =
            LivePipeline.prepare(
                stack,
                "kafka-streams",
                state,
                3,
                List.of(
                    "--source",
                    "generator",
                    "--seed",
                    "7",
                    "--events-per-second",
                    "20",
                    "--limit",
                    Integer.toString(EVENTS)),
                EVENTS);
        Browser browser = new Browser(profile)) {
      pipeline.start();
      WebDriver driver = browser.driver;
      driver.get(pipeline.server.address().toString());

      new WebDriverWait(driver, BOUND)
          .withMessage("the chart and the table to show at least two finished windows")
          .until(
              d ->
                  chartPoints(d) >= 2
                      && d.findElements(By.cssSelector("#windows tbody tr")).size() >= 2);

      pipeline.await(
          "every record read",
          BOUND,
          () ->
              text(driver, "status-in")
                  .equals(String.format(Locale.US, "%,d", pipeline.recordsWritten)));
      // Windows keep closing for a while (partitions going idle move the watermark on): compare
      // the page with the output topic as it is now, until they agree.
      Map<Instant, long[]> output = outputWindows(pipeline);
      Map<Instant, long[]> page = pageWindows(driver);
      long deadline = System.nanoTime() + BOUND.toNanos();
      while (!same(output, page)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "The page never showed the output topic's windows; output "
                  + describe(output)
                  + "page "
                  + describe(page)
                  + "\n"
                  + pipeline.log());
        }
        output = outputWindows(pipeline);
        page = pageWindows(driver);
      }

      assertThat(output).hasSizeGreaterThanOrEqualTo(2);
      for (Map.Entry<Instant, long[]> window : output.entrySet()) {
        assertThat(page.get(window.getKey()))
            .as("window " + window.getKey())
            .containsExactly(window.getValue());
      }
      assertThat(chartPoints(driver)).isEqualTo(output.size());
      assertThat(text(driver, "status-dead-lettered"))
          .isEqualTo(Integer.toString(LivePipeline.BAD_RECORDS.size()));
      assertThat(deadLetterReasons(driver).stream().distinct().sorted().toList())
          .containsExactly("BAD_MAGIC_BYTE", "TRUNCATED_HEADER");
      Path screenshot = Path.of("target", "dashboard-kafka-streams.png");
      Files.createDirectories(screenshot.getParent());
      Files.copy(
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
          screenshot,
          StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(screenshot)).isPositive();
    }
  }

  /** Fails, naming the packages, when this machine has no Chromium to drive. */
  static void requireBrowser() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError(
          "The dashboard test needs a real Chromium: "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " are missing. Install Debian's packages chromium and chromium-driver:"
              + " apt-get update && apt-get install -y chromium chromium-driver (.ci/run does)");
    }
  }

  /** Headless Chromium with a fresh profile, and nothing that talks to the network by itself. */
  static final class Browser implements AutoCloseable {
    final WebDriver driver;

    Browser(Path profile) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--window-size=1280,1500",
          "--user-data-dir=" + profile.toAbsolutePath());
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      driver = new ChromeDriver(service, options);
    }

    @Override
    public void close() {
      driver.quit();
    }
  }

  private static long chartPoints(WebDriver driver) {
    Object points =
        ((JavascriptExecutor) driver)
            .executeScript(
                "const d = window.dashboard; return d && d.chart ? d.chart.data[0].length : 0;");
    return ((Number) points).longValue();
  }

  /**
   * The reasons in the dead-letter table as shown, read in one script: the page rebuilds the table
   * every second, so elements found one call earlier can be gone (StaleElementReference, once in
   * CI).
   */
  private static List<String> deadLetterReasons(WebDriver driver) {
    Object reasons =
        ((JavascriptExecutor) driver)
            .executeScript(
                "return Array.from(document.querySelectorAll('#dead-letters tbody td.reason'))"
                    + ".map(cell => cell.textContent.trim());");
    return ((List<?>) reasons).stream().map(String::valueOf).toList();
  }

  private static String text(WebDriver driver, String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /**
   * The window table as shown, start to Bot, Human, Unknown: read in one script, since the page
   * rebuilds the table every second.
   */
  private static Map<Instant, long[]> pageWindows(WebDriver driver) {
    Object rows =
        ((JavascriptExecutor) driver)
            .executeScript(
                "return Array.from(document.querySelectorAll('#windows tbody tr')).map(tr =>"
                    + " [tr.dataset.start, tr.querySelector('.bot').textContent,"
                    + " tr.querySelector('.human').textContent,"
                    + " tr.querySelector('.unknown').textContent]);");
    Map<Instant, long[]> windows = new TreeMap<>();
    for (Object row : (List<?>) rows) {
      List<?> cells = (List<?>) row;
      windows.put(
          Instant.parse((String) cells.get(0)),
          new long[] {count(cells.get(1)), count(cells.get(2)), count(cells.get(3))});
    }
    return windows;
  }

  private static long count(Object shown) {
    return Long.parseLong(((String) shown).replace(",", ""));
  }

  /** The output topic's rows summed by window: start to Bot, Human, Unknown. */
  private Map<Instant, long[]> outputWindows(LivePipeline pipeline) throws Exception {
    CliRun consume =
        CliRun.of(
            "consume",
            "--topic",
            pipeline.config.topics().output(),
            "--from-beginning",
            "--idle-timeout",
            "3s",
            "--set",
            "kafka.bootstrap-servers=" + stack.bootstrapServers(),
            "--set",
            "registry.url=" + stack.registryUrl());
    assertThat(consume.exitCode()).as(consume.err()).isZero();
    Map<Instant, long[]> windows = new TreeMap<>();
    for (String line : consume.out().lines().toList()) {
      JsonNode value = JSON.readTree(line).get("value");
      long[] counts =
          windows.computeIfAbsent(
              Instant.ofEpochMilli(value.at("/window/start").asLong()), s -> new long[3]);
      int column =
          switch (value.get("requested_by").asText()) {
            case "Bot" -> 0;
            case "Human" -> 1;
            default -> 2;
          };
      counts[column] += value.get("counts").asLong();
    }
    return windows;
  }

  private static boolean same(Map<Instant, long[]> a, Map<Instant, long[]> b) {
    return a.keySet().equals(b.keySet())
        && a.entrySet().stream()
            .allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
  }

  private static String describe(Map<Instant, long[]> windows) {
    StringBuilder text = new StringBuilder();
    windows.forEach(
        (start, counts) ->
            text.append(start).append(' ').append(java.util.Arrays.toString(counts)).append("; "));
    return text.toString();
  }
}
