package org.wikipulse.contract.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.contract.ContractEvents;
import org.wikipulse.contract.ContractRecords;
import org.wikipulse.contract.kafka.GeneratedBacklog;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;

/** Records as large as the broker takes them, among good ones. */
public interface LargeRecordCases extends BrokerCase {

  /** The input topic's size limit in this case: three times Kafka's default. */
  int INPUT_LIMIT = 3_000_000;

  /** The dead-letter topic's, created smaller by an operator before the pipeline's first start. */
  int DEAD_LETTER_LIMIT = 2_000_000;

  /** A bad record the dead-letter topic takes, though over a Kafka producer's default 1 MiB. */
  int FITS = 1_500_000;

  /** A bad record the input takes and the dead-letter topic does not. */
  int TOO_LARGE = 2_500_000;

  /**
   * Purpose: a bad record of any size the input takes is dead-lettered, never retried forever: the
   * runtime's producer takes dead letters as large as the dead-letter topic does (Kafka's 1 MiB
   * default would refuse them), and one larger than that topic takes is written without its value,
   * saying so, while the record stays in the input at its source offset. Input: 2,000 events on one
   * partition whose topic takes 3,000,000-byte records, with two records of a bad magic byte among
   * them, 1,500,000 and 2,500,000 bytes, and a dead-letter topic that an operator created taking
   * 2,000,000. Pass: every reference row exactly once for a {@code read_committed} reader; the
   * records-in counter counts every record; two dead letters, each once, with reason {@code
   * BAD_MAGIC_BYTE} and its source offset: the first with its whole value and no {@code
   * wikipulse.omitted} header, the second with no value and a {@code wikipulse.omitted} header
   * naming the value's size and the limit.
   */
  @Test
  default void aBadRecordAsLargeAsTheInputTakesIsDeadLetteredNotRetriedForever(
      @TempDir Path stateDir) throws Exception {
    BrokerFixture fixture = fixture();
    GeneratedBacklog input =
        inputTakingLargeRecords(
            fixture,
            "recentchange-large-",
            new GeneratedBacklog.Recipe(1, 2_000, 2, 7, LargeRecordCases::largeBadRecord, false));
    PipelineSpec spec =
        fixture.specReading(
            input.topic(), runtime().name(), "large-records", stateDir, engineProperties(500));
    runWithASmallerDeadLetterTopic(fixture, spec, input, input.records());

    List<ConsumerRecord<String, byte[]>> deadLetters =
        fixture.readCommitted(spec.sink().deadLetterTopic(), 2);
    assertThat(deadLetters).as("dead letters, each once").hasSize(2);
    ConsumerRecord<String, byte[]> whole = deadLetters.get(0);
    ConsumerRecord<String, byte[]> cut = deadLetters.get(1);
    for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
      assertThat(BrokerFixture.header(deadLetter, DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo(DeadLetterReason.BAD_MAGIC_BYTE.name());
      assertThat(BrokerFixture.header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET)).isNotNull();
    }
    assertThat(whole.value()).as("the dead letter that fits, whole").hasSize(FITS);
    assertThat(Arrays.equals(whole.value(), largeBadRecord(0, null)))
        .as("the dead letter's value is the record's")
        .isTrue();
    assertThat(BrokerFixture.header(whole, DeadLetterHeaders.OMITTED)).isNull();
    assertThat(cut.value()).as("the value of the dead letter over the limit").isNull();
    assertThat(BrokerFixture.header(cut, DeadLetterHeaders.OMITTED))
        .startsWith("value (" + TOO_LARGE + " bytes): over the dead-letter limit of ")
        .contains(" bytes; the record is at its source offset");
  }

  /**
   * Purpose: a late event as large as the input takes is dead-lettered with reason LATE like any
   * other, never retried forever: on its way to the dead letter it crosses whatever a runtime keeps
   * it in (Kafka Streams: the merger's repartition topic, which Kafka Streams creates with the
   * broker's 1 MiB default unless told). Input: 2,000 good events on one partition whose topic
   * takes 3,000,000-byte records, then two good edits of an event time years before them (late once
   * anything of the backlog is read) whose titles make them 1,500,000 and 2,500,000 bytes, with
   * {@code late-events: dead-letter} and a dead-letter topic that an operator created taking
   * 2,000,000. Pass: every reference row exactly once; the records-in counter counts every record;
   * two dead letters, each once, with reason {@code LATE}, the edit's event time and its source
   * offset: the first with its whole value, the second with no value and a {@code
   * wikipulse.omitted} header naming the value's size.
   */
  @Test
  default void aLateEventAsLargeAsTheInputTakesIsDeadLetteredNotRetriedForever(
      @TempDir Path stateDir) throws Exception {
    BrokerFixture fixture = fixture();
    String brokers = fixture.stack().bootstrapServers();
    GeneratedBacklog input =
        inputTakingLargeRecords(
            fixture,
            "recentchange-large-late-",
            new GeneratedBacklog.Recipe(
                1, 2_000, 0, 11, GeneratedBacklog.BadRecordMaker.tooShort(), false));
    ContractRecords records = new ContractRecords(fixture.registrySettings().connect());
    EditEvent fits = largeLateEdit(records, FITS);
    EditEvent tooLarge = largeLateEdit(records, TOO_LARGE);
    byte[] fitsValue = records.v1(fits);
    byte[] tooLargeValue = records.v1(tooLarge);
    List<Long> lateOffsets = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaTestClients.producer(
            brokers,
            Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(INPUT_LIMIT)))) {
      lateOffsets.add(
          producer.send(new ProducerRecord<>(input.topic(), 0, null, fitsValue)).get().offset());
      lateOffsets.add(
          producer
              .send(new ProducerRecord<>(input.topic(), 0, null, tooLargeValue))
              .get()
              .offset());
    }
    PipelineSpec spec =
        fixture
            .specReading(
                input.topic(), runtime().name(), "large-late", stateDir, engineProperties(500))
            .withLateEvents(LateEvents.DEAD_LETTER);
    runWithASmallerDeadLetterTopic(fixture, spec, input, input.records() + 2);

    List<ConsumerRecord<String, byte[]>> deadLetters =
        fixture.readCommitted(spec.sink().deadLetterTopic(), 2);
    assertThat(deadLetters).as("dead letters, each once").hasSize(2);
    for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
      assertThat(BrokerFixture.header(deadLetter, DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo(DeadLetterReason.LATE.name());
      assertThat(BrokerFixture.header(deadLetter, DeadLetterHeaders.EVENT_TIME))
          .isEqualTo(fits.eventTime().toString());
    }
    List<Long> sourceOffsets =
        deadLetters.stream()
            .map(d -> Long.parseLong(BrokerFixture.header(d, DeadLetterHeaders.SOURCE_OFFSET)))
            .toList();
    assertThat(sourceOffsets)
        .as("source offsets: the two records after the backlog, in order")
        .containsExactlyElementsOf(lateOffsets);
    ConsumerRecord<String, byte[]> whole = deadLetters.get(0);
    ConsumerRecord<String, byte[]> cut = deadLetters.get(1);
    assertThat(Arrays.equals(whole.value(), fitsValue))
        .as("the late dead letter that fits is the record as written")
        .isTrue();
    assertThat(BrokerFixture.header(whole, DeadLetterHeaders.OMITTED)).isNull();
    assertThat(cut.value()).as("the value of the late dead letter over the limit").isNull();
    assertThat(BrokerFixture.header(cut, DeadLetterHeaders.OMITTED))
        .startsWith("value (" + tooLargeValue.length + " bytes): over the dead-letter limit of ");
  }

  /**
   * A good edit of about {@code bytes} bytes on the wire, its title making up the size (the title
   * is written more than once), at an event time years before any generated backlog's.
   */
  private static EditEvent largeLateEdit(ContractRecords records, int bytes) {
    // One edit (one id) for the three encodings: a new id could change its varint's length.
    EditEvent edit = ContractEvents.edit(0, false);
    int base = records.v1(lateEditTitled(edit, "")).length;
    int perTitleChar = records.v1(lateEditTitled(edit, "x")).length - base;
    return lateEditTitled(edit, "x".repeat((bytes - base) / perTitleChar));
  }

  private static EditEvent lateEditTitled(EditEvent edit, String title) {
    return new EditEvent(
        edit.id(),
        edit.type(),
        edit.wiki(),
        edit.serverName(),
        title,
        edit.namespace(),
        edit.user(),
        edit.bot(),
        edit.minor(),
        edit.oldLength(),
        edit.newLength(),
        edit.oldRevision(),
        edit.newRevision(),
        Instant.parse("2005-01-15T00:00:00Z"),
        edit.metaDomain());
  }

  /**
   * The recipe's backlog on a new topic named from {@code topicPrefix} that takes records of {@link
   * #INPUT_LIMIT}.
   */
  private static GeneratedBacklog inputTakingLargeRecords(
      BrokerFixture fixture, String topicPrefix, GeneratedBacklog.Recipe recipe) {
    return GeneratedBacklog.produce(
        fixture.stack().bootstrapServers(),
        fixture.registrySettings().connect(),
        topicPrefix + UUID.randomUUID(),
        recipe,
        Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(INPUT_LIMIT)));
  }

  /**
   * Creates the spec's dead-letter topic as an operator would, taking {@link #DEAD_LETTER_LIMIT},
   * runs the pipeline until it has read {@code records}, and asserts the reference's rows, each key
   * once, and the records-in counter.
   */
  private void runWithASmallerDeadLetterTopic(
      BrokerFixture fixture, PipelineSpec spec, GeneratedBacklog input, long records)
      throws Exception {
    KafkaTestClients.createTopic(
        fixture.stack().bootstrapServers(),
        spec.sink().deadLetterTopic(),
        1,
        Map.of(
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
            Integer.toString(DEAD_LETTER_LIMIT),
            TopicConfig.RETENTION_MS_CONFIG,
            "-1"));
    List<WindowCount> rows;
    PipelineProgress progress;
    try (RunningPipeline pipeline = runtime().start(spec, fixture.codecs(spec))) {
      rows = fixture.rowsWrittenOncePerKey(spec, input.expected().rows().size());
      progress = fixture.awaitProgress(pipeline, p -> p.recordsIn() >= records);
    }
    assertThat(rows.stream().sorted(WindowCount.ORDER).toList())
        .containsExactlyElementsOf(input.expected().sortedRows());
    assertThat(progress.recordsIn()).as("records read").isEqualTo(records);
  }

  /** The n-th large bad record: a bad magic byte, then the same bytes over and over. */
  private static byte[] largeBadRecord(int n, byte[] previousGoodValue) {
    byte[] value = new byte[n == 0 ? FITS : TOO_LARGE];
    Arrays.fill(value, (byte) 'x');
    value[0] = 7;
    return value;
  }
}
