package org.wikipulse.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.SchemaRegistry;
import org.wikipulse.testkit.HostileFrames;

/**
 * Hostile input through both runtimes and {@code wikipulse consume}, each a JVM of its own with the
 * launcher's 1 GB heap: thousands of mutated frames ({@link HostileInput}) among valid ones, from a
 * seed printed at the start ({@code -Dwikipulse.fuzz.seed=N} runs another, or replays one).
 */
class HostileInputTest {
  /** Fixed, so that the build is repeatable; set the property to try others. */
  private static final long SEED = Long.getLong("wikipulse.fuzz.seed", 14437549254795L);

  private static final int EVENTS = 6_000;
  private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalStack stack;
  private static HostileInput input;

  private final List<WikipulseProcess> processes = new ArrayList<>();

  @TempDir Path work;

  @BeforeAll
  static void writeTheHostileTopic() {
    System.out.println(
        "HostileInputTest seed " + SEED + " (replay: -Dwikipulse.fuzz.seed=" + SEED + ")");
    stack = SharedLocalStack.get();
    String topic = "hostile-" + UUID.randomUUID().toString().substring(0, 8) + ".in";
    input = new HostileInput(topic, stack.registryUrl(), EVENTS, SEED);
    input.write(stack.bootstrapServers());
    System.out.printf(
        "HostileInputTest: %d frames, %d of them bad; mutants by kind %s%n",
        input.records(), input.badRecords(), input.mutants());
  }

  @AfterEach
  void killLeftovers() {
    processes.forEach(WikipulseProcess::close);
  }

  /**
   * Purpose: garbage among the input neither crashes a runtime, nor exhausts its heap, nor gets
   * lost or counted. Input: the hostile topic, read by {@code wikipulse run} in a 1 GB JVM. Pass:
   * the run reads every frame and stops on SIGTERM with exit 0 and no stack trace or
   * OutOfMemoryError; the output equals the reference over the valid frames, each key once; the
   * dead-letter topic holds each bad frame once, by its source partition and offset, with the
   * reason the decoder gives and the frame's key and value, and no valid frame; the closing line's
   * counters say so; {@code consume} on the dead-letter topic prints one error line per dead
   * letter.
   */
  @ParameterizedTest
  @ValueSource(strings = {"kafka-streams", "spark"})
  void hostileFramesAreDeadLetteredWithTheirReasonAndValidOnesCounted(String runtime)
      throws Exception {
    String applicationId =
        "hostile-" + runtime + "-" + UUID.randomUUID().toString().substring(0, 8);
    String output = applicationId + ".out";
    String deadLetters = applicationId + ".dlq";
    List<String> args =
        WikipulseProcess.runArguments(
            runtime,
            stack,
            applicationId,
            input.topic(),
            output,
            deadLetters,
            work.resolve("state"));
    args.addAll(List.of("--set", "status-interval=1s"));
    if (runtime.equals("spark")) {
      // Several micro-batches, each with its own dead letters to copy into its transaction.
      args.addAll(List.of("--set", "engine.maxOffsetsPerTrigger=3000"));
    }
    long startedAt = System.nanoTime();
    WikipulseProcess run = launch(runtime, args);
    run.awaitRecordsIn(input.records(), PROGRESS_TIMEOUT);
    assertOutputIsTheReference(output);
    assertEachBadFrameDeadLetteredOnceWithItsReason(deadLetters);
    WikipulseProcess.Termination stopped = run.terminate(Duration.ofSeconds(30));
    System.out.printf(
        "HostileInputTest %s: read, judged and stopped in %d ms%n",
        runtime, (System.nanoTime() - startedAt) / 1_000_000);

    assertThat(stopped.exitCode()).as("exit code after SIGTERM\n" + run.tail()).isZero();
    assertNoCrashIn(run);
    String closing = stopped.linesAfter().get(stopped.linesAfter().size() - 1);
    assertThat(counter(closing, "in")).as(closing).isEqualTo(input.records());
    assertThat(counter(closing, "dead-lettered")).as(closing).isEqualTo(input.badRecords());
    assertThat(counter(closing, "windows out"))
        .as(closing)
        .isEqualTo(input.expected().rows().size());

    List<JsonNode> printed = consume(deadLetters);
    assertThat(printed).as("one line per dead letter").hasSize((int) input.badRecords());
    for (JsonNode line : printed) {
      assertValueOrError(line, frameOfDeadLetter(line));
    }
  }

  /**
   * Purpose: {@code consume} on a topic of garbage prints every frame. Input: the hostile topic,
   * read from the beginning by {@code wikipulse consume} in a 1 GB JVM. Pass: exit 0, no stack
   * trace or OutOfMemoryError, one line per frame, in order per partition, each with a value or an
   * error: a valid frame its value; a frame without a usable header or schema an error; any other
   * bad frame one of the two ({@code consume} reads a frame with its own writer schema, so the body
   * of a schema unrelated to recentchange may well print).
   */
  @Test
  void consumePrintsEveryFrameWithItsValueOrItsError() throws Exception {
    List<JsonNode> printed = consume(input.topic());
    assertThat(printed).as("one line per frame").hasSize(input.records());
    Map<Integer, Long> nextOffset = new HashMap<>();
    for (JsonNode line : printed) {
      HostileInput.Position position =
          new HostileInput.Position(line.get("partition").asInt(), line.get("offset").asLong());
      long expectedOffset = nextOffset.getOrDefault(position.partition(), 0L);
      assertThat(position.offset())
          .as("offsets of partition " + position.partition() + " in order")
          .isEqualTo(expectedOffset);
      nextOffset.put(position.partition(), expectedOffset + 1);
      HostileInput.Planned frame = input.written().get(position);
      assertThat(frame).as("a frame at " + position).isNotNull();
      assertValueOrError(line, frame);
    }
  }

  /** The frame a printed dead letter stands for, by its source headers. */
  private static HostileInput.Planned frameOfDeadLetter(JsonNode line) {
    JsonNode headers = line.path("headers");
    HostileInput.Position source =
        new HostileInput.Position(
            headers.path(DeadLetterHeaders.SOURCE_PARTITION).asInt(-1),
            headers.path(DeadLetterHeaders.SOURCE_OFFSET).asLong(-1));
    HostileInput.Planned frame = input.written().get(source);
    assertThat(frame).as("the frame of dead letter " + line).isNotNull();
    return frame;
  }

  private static void assertValueOrError(JsonNode line, HostileInput.Planned frame) {
    String what = frame.mutation() + " (" + frame.reason() + ", seed " + SEED + "): " + line;
    boolean value = line.has("value");
    boolean error = !line.path("error").asText().isBlank();
    assertThat(value ^ error).as("a value or an error: " + what).isTrue();
    if (!frame.bad()) {
      assertThat(value).as("the value of a valid frame: " + what).isTrue();
    } else if (frame.reason() != DeadLetterReason.UNDECODABLE_AVRO
        && frame.reason() != DeadLetterReason.MISSING_EVENT_TIME
        && frame.mutation() != HostileFrames.Mutation.UNRELATED_SCHEMA_ID
        && frame.mutation() != HostileFrames.Mutation.DELETED_SCHEMA_ID
        && !(frame.mutation() == HostileFrames.Mutation.BIT_FLIPS
            && frame.reason() == DeadLetterReason.INCOMPATIBLE_SCHEMA)) {
      // Empty, truncated header, wrong magic byte, unknown id, non-record schema.
      assertThat(error)
          .as("an error for a frame without a usable header or schema: " + what)
          .isTrue();
    }
  }

  private List<JsonNode> consume(String topic) throws Exception {
    long startedAt = System.nanoTime();
    WikipulseProcess consume =
        launch(
            "consume",
            List.of(
                "consume",
                "--topic",
                topic,
                "--from-beginning",
                "--idle-timeout",
                "3s",
                "--set",
                "kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--set",
                "registry.url=" + stack.registryUrl()));
    int exitCode = consume.awaitExit(PROGRESS_TIMEOUT);
    System.out.printf(
        "HostileInputTest: consume of %s took %d ms%n",
        topic, (System.nanoTime() - startedAt) / 1_000_000);
    assertThat(exitCode).as(consume.tail()).isZero();
    assertNoCrashIn(consume);
    List<JsonNode> lines = new ArrayList<>();
    for (WikipulseProcess.Line line : consume.outLines()) {
      lines.add(JSON.readTree(line.text()));
    }
    return lines;
  }

  private WikipulseProcess launch(String name, List<String> args) {
    WikipulseProcess process = WikipulseProcess.launch(name, work, List.copyOf(args));
    processes.add(process);
    return process;
  }

  private static void assertNoCrashIn(WikipulseProcess process) {
    assertThat(process.errLines())
        .as("no stack trace, no OutOfMemoryError (seed " + SEED + ")")
        .noneSatisfy(
            line -> assertThat(line.text()).containsPattern("OutOfMemory|^\\s+at |Exception"));
  }

  private static void assertOutputIsTheReference(String topic) {
    SchemaRegistry registry = RegistrySettings.of(stack.registryUrl()).connect();
    List<WindowCount> expected = input.expected().sortedRows();
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestClients.readAtLeast(
            stack.bootstrapServers(), topic, expected.size(), READ_TIMEOUT);
    Map<String, Integer> perKey = new HashMap<>();
    List<WindowCount> rows = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      perKey.merge(record.key(), 1, Integer::sum);
      WindowCount row = EditCountRecords.decode(record.value(), registry);
      assertThat(record.key()).isEqualTo(EditCountEncoder.keyOf(row));
      rows.add(row);
    }
    perKey.values().removeIf(count -> count == 1);
    assertThat(perKey).as("keys written more than once (seed " + SEED + ")").isEmpty();
    assertThat(rows.stream().sorted(WindowCount.ORDER).toList())
        .as("output rows against the reference over the valid frames (seed " + SEED + ")")
        .containsExactlyElementsOf(expected);
  }

  private static void assertEachBadFrameDeadLetteredOnceWithItsReason(String topic) {
    List<ConsumerRecord<String, byte[]>> deadLetters =
        KafkaTestClients.readAtLeast(
            stack.bootstrapServers(), topic, (int) input.badRecords(), READ_TIMEOUT);
    Map<HostileInput.Position, Integer> perSource = new HashMap<>();
    int hugeDeadLetters = 0;
    for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
      HostileInput.Position source =
          new HostileInput.Position(
              Integer.parseInt(header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION)),
              Long.parseLong(header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET)));
      perSource.merge(source, 1, Integer::sum);
      HostileInput.Planned frame = input.written().get(source);
      String what = "dead letter of " + source + " (seed " + SEED + ")";
      assertThat(frame).as(what + ": a frame written there").isNotNull();
      assertThat(frame.bad()).as(what + ": a bad frame, not " + frame.mutation()).isTrue();
      assertThat(header(deadLetter, DeadLetterHeaders.ERROR_CLASS))
          .as(what + ", " + frame.mutation())
          .isEqualTo(frame.reason().name());
      assertThat(header(deadLetter, DeadLetterHeaders.ERROR_MESSAGE)).as(what).isNotBlank();
      assertThat(deadLetter.key())
          .as(what + ": its key")
          .isEqualTo(frame.key() == null ? null : new String(frame.key(), StandardCharsets.UTF_8));
      if (frame.mutation() == HostileFrames.Mutation.HUGE_KEY_WRONG_MAGIC_BYTE) {
        hugeDeadLetters++;
      }
      assertThat(Arrays.equals(deadLetter.value(), frame.value()))
          .as(what + ": its value as written, " + frame.mutation())
          .isTrue();
    }
    assertThat(hugeDeadLetters).as("dead letters with a huge key").isPositive();
    List<HostileInput.Position> repeated =
        perSource.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertThat(repeated).as("frames dead-lettered more than once (seed " + SEED + ")").isEmpty();
    List<HostileInput.Position> bad =
        input.written().entrySet().stream()
            .filter(e -> e.getValue().bad())
            .map(Map.Entry::getKey)
            .toList();
    assertThat(perSource.keySet())
        .as("dead-lettered frames: every bad one (seed " + SEED + ")")
        .containsExactlyInAnyOrderElementsOf(bad);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
    assertThat(header).as("dead letter header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  /** A counter of a status line, such as {@code in} or {@code windows out}. */
  private static long counter(String line, String name) {
    Matcher m = Pattern.compile("[:|] " + name + " ([0-9,]+)").matcher(line);
    assertThat(m.find()).as(name + " in " + line).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }
}
