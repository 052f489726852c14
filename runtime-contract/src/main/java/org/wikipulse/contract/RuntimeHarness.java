package org.wikipulse.contract;

import java.util.List;
import java.util.Map;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.PipelineProgress;

/**
 * Drives one runtime for the contract suite. A harness runs one pipeline at a time; the suite makes
 * a fresh one per case and closes it after.
 */
public interface RuntimeHarness extends AutoCloseable {

  /** The capabilities this runtime lacks, each with the reason: the one place it is said. */
  Map<Capability, String> unsupported();

  /** Starts a pipeline. */
  void start(ContractPipeline pipeline);

  /**
   * Feeds one batch, in order, and returns when the runtime has processed it (and everything it
   * makes due). A micro-batch runtime processes each call as one batch.
   */
  void feed(List<ContractRecord> batch);

  /** Lets the wall clock pass the idle timeout with no data for the partition. */
  void markIdle(int partition);

  /**
   * Crashes the runtime after it wrote the last batch's output and before it recorded that batch's
   * input as read, and restarts it on its state, so that it reads the batch again; returns when the
   * restarted runtime has processed everything fed so far.
   */
  void replayLastBatch();

  /** Every output row written so far, decoded. */
  List<WindowCount> results();

  /** Every dead-letter record written so far. */
  List<ContractDeadLetter> deadLetters();

  /** The pipeline's counters now. */
  PipelineProgress counters();

  @Override
  void close();
}
