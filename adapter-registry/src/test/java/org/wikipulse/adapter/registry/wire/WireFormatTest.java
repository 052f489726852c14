package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wikipulse.ports.DeadLetterReason;

class WireFormatTest {

  @Test
  void framesWithMagicByteAndBigEndianIdAndUnframesWithoutCopying() {
    byte[] framed = WireFormat.frame(0x01020304, new byte[] {7, 8, 9});

    assertThat(framed).containsExactly(0, 1, 2, 3, 4, 7, 8, 9);
    WireFormat.Framed unframed = WireFormat.unframe(framed);
    assertThat(unframed.schemaId()).isEqualTo(0x01020304);
    assertThat(unframed.value()).isSameAs(framed);
    assertThat(unframed.bodyOffset()).isEqualTo(5);
    assertThat(unframed.bodyLength()).isEqualTo(3);
  }

  @Test
  void idsAboveTwoToTheThirtyOneRoundTripAsUnsignedBits() {
    assertThat(WireFormat.unframe(WireFormat.frame(-2, new byte[0])).schemaId()).isEqualTo(-2);
    assertThat(WireFormat.frame(255, new byte[0])).containsExactly(0, 0, 0, 0, -1);
  }

  @Test
  void aNullOrEmptyValueIsAnEmptyValue() {
    assertRejected(null, DeadLetterReason.EMPTY_VALUE, "Empty value");
    assertRejected(new byte[0], DeadLetterReason.EMPTY_VALUE, "Empty value");
  }

  @Test
  void fewerThanFiveBytesIsATruncatedHeader() {
    for (int length = 1; length < 5; length++) {
      assertRejected(
          new byte[length], DeadLetterReason.TRUNCATED_HEADER, "has " + length + " bytes");
    }
  }

  @Test
  void aFirstByteOtherThanZeroIsABadMagicByte() {
    assertRejected(new byte[] {1, 0, 0, 0, 1, 2}, DeadLetterReason.BAD_MAGIC_BYTE, "magic byte 1");
    assertRejected(
        new byte[] {(byte) 0xff, 0, 0, 0, 1}, DeadLetterReason.BAD_MAGIC_BYTE, "magic byte 255");
  }

  @Test
  void aHeaderWithoutBodyIsWellFramed() {
    assertThat(WireFormat.unframe(new byte[] {0, 0, 0, 0, 9}).bodyLength()).isZero();
  }

  private static void assertRejected(byte[] value, DeadLetterReason reason, String saying) {
    assertThatThrownBy(() -> WireFormat.unframe(value))
        .isInstanceOfSatisfying(
            WireFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(saying);
  }
}
