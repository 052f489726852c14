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

  /**
   * Begins, on a thread of its own, the start-up work that needs neither the brokers nor the
   * registry (an engine's context, say), so that it overlaps the launcher's checks of them; a
   * {@link #start} of the same spec then takes it over, waiting for it if it is not done. Nothing
   * by default.
   *
   * @return closed once the pipeline has stopped, or instead of starting one: releases what was
   *     prepared if no start took it over
   */
  default Preparation prepare(PipelineSpec spec) {
    return Preparation.NONE;
  }

  /** What {@link #prepare} began. */
  interface Preparation extends AutoCloseable {
    Preparation NONE = () -> {};

    /** Releases what was prepared, unless a start took it over; waits for it to be done first. */
    @Override
    void close();
  }
}
