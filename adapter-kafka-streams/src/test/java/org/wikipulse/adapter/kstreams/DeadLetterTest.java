package org.wikipulse.adapter.kstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.WriterSchemas;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.OutputSchema;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.RegistryUnavailableException;
import org.wikipulse.ports.WireCodecs;

/** Records that cannot be processed go to the dead-letter topic, once each, and nothing stops. */
class DeadLetterTest {

  @Test
  void everyKindOfBadRecordIsDeadLetteredOnceWithItsReasonAndTheStreamGoesOn() {
    try (TopologyFixture fixture = new TopologyFixture(1)) {
      byte[] valid = fixture.writer.write(Events.human(10));
      RecentChangeWriter optionalTime =
          new RecentChangeWriter(
              fixture.registry, "recentchange-optional-time", WriterSchemas.optionalTimestamp());
      GenericRecord withoutTime = Events.human(12);
      withoutTime.put("timestamp", null);
      List<byte[]> bad =
          List.of(
              new byte[0],
              new byte[] {0, 0, 1},
              badMagic(valid),
              WireFormat.frame(987_654, Arrays.copyOfRange(valid, 5, valid.length)),
              Arrays.copyOf(valid, valid.length - 40),
              optionalTime.write(withoutTime));
      List<DeadLetterReason> reasons =
          List.of(
              DeadLetterReason.EMPTY_VALUE,
              DeadLetterReason.TRUNCATED_HEADER,
              DeadLetterReason.BAD_MAGIC_BYTE,
              DeadLetterReason.UNKNOWN_SCHEMA_ID,
              DeadLetterReason.UNDECODABLE_AVRO,
              DeadLetterReason.MISSING_EVENT_TIME);

      for (int i = 0; i < bad.size(); i++) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", ("trace-" + i).getBytes(StandardCharsets.UTF_8));
        fixture.sendRaw(
            0,
            new TestRecord<>(("key-" + i).getBytes(StandardCharsets.UTF_8), bad.get(i), headers));
        fixture.send(0, Events.human(10 + i));
      }
      fixture.sendRaw(0, (byte[]) null);
      fixture.closeAllWindows();

      List<TestRecord<byte[], byte[]>> deadLetters = fixture.deadLetters();
      assertThat(deadLetters).hasSize(bad.size() + 1);
      for (int i = 0; i < bad.size(); i++) {
        TestRecord<byte[], byte[]> letter = deadLetters.get(i);
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("key-" + i);
        assertThat(letter.value()).isEqualTo(bad.get(i));
        assertThat(header(letter, "trace-id")).isEqualTo("trace-" + i);
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo(reasons.get(i).name());
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).isNotBlank();
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC))
            .isEqualTo(TopologyFixture.inputTopic(0));
        assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET))
            .isEqualTo(Long.toString(2L * i));
      }
      TestRecord<byte[], byte[]> tombstone = deadLetters.get(bad.size());
      assertThat(tombstone.value()).isNull();
      assertThat(header(tombstone, DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo(DeadLetterReason.EMPTY_VALUE.name());

      assertThat(fixture.counters.snapshot().deadLettered()).isEqualTo(bad.size() + 1);
      fixture.advanceWallClock(Duration.ofSeconds(1));
      PipelineProgress progress = fixture.counters.snapshot();
      assertThat(fixture.metricTotal("records-in-total")).isEqualTo(progress.recordsIn());
      assertThat(fixture.metricTotal("dead-lettered-total")).isEqualTo(progress.deadLettered());
      assertThat(fixture.metricTotal("counted-total")).isEqualTo(progress.counted());
      assertThat(fixture.metricTotal("dropped-late-total")).isEqualTo(progress.droppedLate());
      assertThat(fixture.metricTotal("windows-out-total")).isEqualTo(progress.windowsOut());
      assertThat(fixture.counters.snapshot().counted()).isEqualTo(bad.size());
      AnalysisTopologyTest.assertMatchesReference(fixture);
    }
  }

  /**
   * Purpose: a record whose decode found the registry unavailable (its budget spent, which the
   * registry client's own tests cover) is tried again, never dead-lettered. Input: a decoder that
   * fails three times, the record sent again after each failure, as the replaced stream thread
   * reads it again from the last commit. Pass: three failures upwards, then the record counted,
   * nothing dead-lettered, the reference's rows.
   */
  @Test
  void aRegistryOutageIsRetriedAndNeverDeadLettered() {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    try (TopologyFixture fixture =
        new TopologyFixture(1, WindowSpec.DEFAULT, flaky(failuresLeft))) {
      for (int failure = 1; failure <= 3; failure++) {
        assertThatThrownBy(() -> fixture.sendRaw(0, fixture.writer.write(Events.human(10))))
            .hasRootCauseInstanceOf(RegistryUnavailableException.class);
      }
      fixture.send(0, Events.human(10));
      fixture.closeAllWindows();

      assertThat(failuresLeft).hasValue(0);
      assertThat(fixture.deadLetters()).isEmpty();
      AnalysisTopologyTest.assertMatchesReference(fixture);
    }
  }

  @Test
  void aLongRegistryOutageFailsTheRecordUpwardsInsteadOfDeadLetteringIt() {
    AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
    try (TopologyFixture fixture =
        new TopologyFixture(1, WindowSpec.DEFAULT, flaky(failuresLeft))) {
      assertThatThrownBy(() -> fixture.send(0, Events.human(10)))
          .hasRootCauseInstanceOf(RegistryUnavailableException.class);
      assertThat(fixture.deadLetters()).isEmpty();
    }
  }

  /** Wraps codecs so that their decoders first fail as if the registry were down. */
  private static UnaryOperator<WireCodecs> flaky(AtomicInteger failuresLeft) {
    return codecs -> new FlakyCodecs(failuresLeft, codecs);
  }

  private static final class FlakyCodecs implements WireCodecs {
    private static final long serialVersionUID = 1L;
    private final transient AtomicInteger failuresLeft;
    private final transient WireCodecs delegate;

    FlakyCodecs(AtomicInteger failuresLeft, WireCodecs delegate) {
      this.failuresLeft = failuresLeft;
      this.delegate = delegate;
    }

    @Override
    public EditEventDecoder newDecoder() {
      EditEventDecoder real = delegate.newDecoder();
      return value -> {
        if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
          throw new RegistryUnavailableException("registry down (simulated)", null);
        }
        return real.decode(value);
      };
    }

    @Override
    public EditCountEncoder newEncoder() {
      return delegate.newEncoder();
    }

    @Override
    public OutputSchema outputSchema() {
      return delegate.outputSchema();
    }

    @Override
    public Duration registryBudget() {
      return delegate.registryBudget();
    }
  }

  private static byte[] badMagic(byte[] valid) {
    byte[] copy = valid.clone();
    copy[0] = 7;
    return copy;
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
