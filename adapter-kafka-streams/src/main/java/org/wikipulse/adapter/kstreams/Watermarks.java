package org.wikipulse.adapter.kstreams;

/** Watermark arithmetic shared by both stages; minus infinity is {@link Long#MIN_VALUE}. */
final class Watermarks {
  static final long NONE = Long.MIN_VALUE;

  private Watermarks() {}

  /** {@code maxEventMs - latenessMs}, minus infinity when there is no event yet. */
  static long of(long maxEventMs, long latenessMs) {
    if (maxEventMs == NONE) {
      return NONE;
    }
    long result = maxEventMs - latenessMs;
    return ((maxEventMs ^ latenessMs) & (maxEventMs ^ result)) < 0 ? NONE : result;
  }

  /**
   * Which slide the watermark is in. Window ends are multiples of the slide, so whether a window is
   * closed depends only on this number: a source reports its watermark only when it changes.
   */
  static long slideOf(long watermarkMs, long slideMs) {
    return watermarkMs == NONE ? NONE : Math.floorDiv(watermarkMs, slideMs);
  }
}
