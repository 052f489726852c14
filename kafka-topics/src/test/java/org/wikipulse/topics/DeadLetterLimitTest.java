package org.wikipulse.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** What a dead letter leaves out to fit its topic: nothing, then the value, key, headers. */
class DeadLetterLimitTest {
  private static final DeadLetterLimit ONE_MEGABYTE = new DeadLetterLimit(1_000_000);

  /** Purpose: a dead letter with room to spare is written whole. */
  @Test
  void aRecordWithRoomToSpareIsKeptWhole() {
    DeadLetterLimit.Omission omission = ONE_MEGABYTE.fit(100, 900_000, 1_000, 400);
    assertThat(omission.any()).isFalse();
    assertThat(omission.key()).isFalse();
    assertThat(omission.originalHeaders()).isFalse();
  }

  /**
   * Purpose: the value goes first, and only as much as needed: a record just over the limit (with
   * the margin for the batch header) loses its value and keeps its key and headers, and the header
   * text says what is missing, how big it was, and the limit.
   */
  @Test
  void aValueOverTheLimitIsLeftOutAndSaidSo() {
    long valueBytes = 1_000_000 - DeadLetterLimit.RECORD_MARGIN_BYTES - 500 + 1;
    DeadLetterLimit.Omission omission = ONE_MEGABYTE.fit(100, valueBytes, 100, 300);
    assertThat(omission.value()).isTrue();
    assertThat(omission.key()).isFalse();
    assertThat(omission.originalHeaders()).isFalse();
    assertThat(omission.describe())
        .isEqualTo(
            "value ("
                + valueBytes
                + " bytes): over the dead-letter limit of 1000000 bytes; the record is at its"
                + " source offset");
    assertThat(ONE_MEGABYTE.fit(100, valueBytes - 1, 100, 300).any()).isFalse();
  }

  /** Purpose: a key too large on its own goes too, then original headers too large on their own. */
  @Test
  void aKeyAndThenHeadersOverTheLimitGoToo() {
    DeadLetterLimit.Omission key = ONE_MEGABYTE.fit(2_000_000, 10, 100, 300);
    assertThat(key.value()).isTrue();
    assertThat(key.key()).isTrue();
    assertThat(key.originalHeaders()).isFalse();
    assertThat(key.describe()).startsWith("value (10 bytes), key (2000000 bytes): over");

    DeadLetterLimit.Omission headers = ONE_MEGABYTE.fit(10, 10, 3_000_000, 300);
    assertThat(headers.value()).isTrue();
    assertThat(headers.key()).isTrue();
    assertThat(headers.originalHeaders()).isTrue();
    assertThat(headers.describe()).contains("original headers (3000000 bytes)");
  }

  /** Purpose: a limit without room for a record is refused; the producer's request size is it. */
  @Test
  void aLimitTooSmallForAnyRecordIsRefused() {
    assertThatThrownBy(() -> new DeadLetterLimit(DeadLetterLimit.RECORD_MARGIN_BYTES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaves no room");
    assertThat(new DeadLetterLimit(2_000_000).producerMaxRequestSize()).isEqualTo("2000000");
  }

  /**
   * Purpose: a dead letter is written as the rule says: whole when it fits; over the limit without
   * its value, the writer's own headers kept, the omission said in the named header; original
   * headers too large on their own dropped, the writer's still there.
   */
  @Test
  void aDeadLetterIsFittedByTheRule() {
    Headers small = new RecordHeaders();
    small.add("trace", new byte[10]);
    small.add("own.reason", "BAD".getBytes(StandardCharsets.UTF_8));
    byte[] key = new byte[] {1};
    byte[] fits = new byte[500_000];
    DeadLetterLimit.Fitted whole = ONE_MEGABYTE.fitted(key, fits, small, "own.", "own.omitted");
    assertThat(whole.value()).isSameAs(fits);
    assertThat(whole.headers().lastHeader("own.omitted")).isNull();

    DeadLetterLimit.Fitted cut =
        ONE_MEGABYTE.fitted(key, new byte[2_000_000], small, "own.", "own.omitted");
    assertThat(cut.value()).isNull();
    assertThat(cut.key()).isSameAs(key);
    assertThat(cut.headers().lastHeader("trace")).isNotNull();
    assertThat(cut.headers().lastHeader("own.reason")).isNotNull();
    assertThat(new String(cut.headers().lastHeader("own.omitted").value(), StandardCharsets.UTF_8))
        .startsWith("value (2000000 bytes): over the dead-letter limit of 1000000 bytes");

    Headers huge = new RecordHeaders();
    huge.add("trace", new byte[2_000_000]);
    huge.add("own.reason", "BAD".getBytes(StandardCharsets.UTF_8));
    DeadLetterLimit.Fitted bare =
        ONE_MEGABYTE.fitted(key, new byte[10], huge, "own.", "own.omitted");
    assertThat(bare.key()).isNull();
    assertThat(bare.headers().lastHeader("trace")).isNull();
    assertThat(bare.headers().lastHeader("own.reason")).isNotNull();
    assertThat(new String(bare.headers().lastHeader("own.omitted").value(), StandardCharsets.UTF_8))
        .contains("original headers (2000005 bytes)");
  }
}
