package org.wikipulse.adapter.kstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.kstreams.MergerMessage.LateCandidate;
import org.wikipulse.adapter.kstreams.MergerMessage.OriginalRecord;
import org.wikipulse.adapter.kstreams.MergerMessage.PartialCount;
import org.wikipulse.adapter.kstreams.MergerMessage.SourceIdle;
import org.wikipulse.adapter.kstreams.MergerMessage.SourceWatermark;

class MergerMessageSerdeTest {
  private final MergerMessageSerde serde = new MergerMessageSerde();

  @Test
  void everyMessageSurvivesTheRoundTrip() {
    PartialCount partial =
        (PartialCount) roundTrip(new PartialCount(3, -30_000L, new long[] {1, 2, 3}, 4));
    assertThat(partial.source()).isEqualTo(3);
    assertThat(partial.windowStartMs()).isEqualTo(-30_000L);
    assertThat(partial.countsByActor()).containsExactly(1, 2, 3);
    assertThat(partial.newestWindowEvents()).isEqualTo(4);

    assertThat(roundTrip(new LateCandidate(1, 1_714_089_600_000L, 2, Long.MIN_VALUE)))
        .isEqualTo(new LateCandidate(1, 1_714_089_600_000L, 2, Long.MIN_VALUE));
    assertThat(roundTrip(new SourceWatermark(7, Long.MIN_VALUE)))
        .isEqualTo(new SourceWatermark(7, Long.MIN_VALUE));
    assertThat(roundTrip(new SourceIdle(0))).isEqualTo(new SourceIdle(0));
  }

  @Test
  void aLateCandidateCarriesItsOriginalRecordWhenLateEventsAreDeadLettered() {
    LateCandidate withKey =
        (LateCandidate)
            roundTrip(
                new LateCandidate(
                    2, 5_000L, 1, 4_000L, new OriginalRecord(new byte[] {7}, new byte[] {0, 1})));
    assertThat(withKey.original().key()).containsExactly(7);
    assertThat(withKey.original().value()).containsExactly(0, 1);
    assertThat(withKey.eventTimeMs()).isEqualTo(5_000L);
    assertThat(withKey.sourceWatermarkMs()).isEqualTo(4_000L);

    LateCandidate withoutKey =
        (LateCandidate)
            roundTrip(
                new LateCandidate(2, 5_000L, 1, 4_000L, new OriginalRecord(null, new byte[0])));
    assertThat(withoutKey.original().key()).isNull();
    assertThat(withoutKey.original().value()).isEmpty();
  }

  @Test
  void aTruncatedOrUnknownMessageIsASerializationError() {
    byte[] bytes = serde.serializer().serialize("t", new SourceWatermark(1, 5));
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {3, 0, 0}))
        .isInstanceOf(SerializationException.class);
    bytes[0] = 99;
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("99");
  }

  private MergerMessage roundTrip(MergerMessage message) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", message));
  }
}
