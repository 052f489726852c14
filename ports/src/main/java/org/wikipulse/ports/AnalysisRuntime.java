package org.wikipulse.ports;

/**
 * The SPI an engine adapter implements, found by {@link java.util.ServiceLoader}. The launcher
 * picks one by {@link #name()}.
 */
public interface AnalysisRuntime {

  /** The name users choose it by, such as {@code spark} or {@code kafka-streams}. */
  String name();

  /**
   * Starts the analysis and returns at once.
   *
   * @param spec what to read, compute and write
   * @param codecs the wire-format codecs bound to a schema registry
   * @param observer hears the pipeline's timings from its first record on
   */
  RunningPipeline start(PipelineSpec spec, WireCodecs codecs, PipelineObserver observer);

  /** Starts the analysis, unobserved, and returns at once. */
  default RunningPipeline start(PipelineSpec spec, WireCodecs codecs) {
    return start(spec, codecs, PipelineObserver.NONE);
  }
}
