package org.wikipulse.adapter.kstreams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Under exactly-once, the counts each stream thread's tasks made since the thread's last commit:
 * published to the pipeline's counters when the thread's transaction commits, dropped when it
 * aborts, since Kafka Streams then processes those records again. Under exactly_once_v2 a stream
 * thread has one producer, and the input offsets and output of all its tasks commit in that
 * producer's transaction; the thread calls the producer itself, so the tasks of a thread and the
 * outcome of its transaction meet on that thread ({@link CommitReportingProducer} reports it).
 */
final class UncommittedCounts {
  private final ThreadLocal<OfThread> threads = ThreadLocal.withInitial(OfThread::new);

  /**
   * Whether counts wait for a commit under these Kafka Streams settings: under exactly-once they
   * do; under at-least-once there is no transaction, and a record processed again after a failure
   * is counted again, as it is written again.
   */
  static boolean waitForCommit(Map<String, Object> appConfigs) {
    Object guarantee = appConfigs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    return guarantee != null && !StreamsConfig.AT_LEAST_ONCE.equals(guarantee.toString().trim());
  }

  /** The calling stream thread's tasks: call on the stream thread. */
  OfThread ofCurrentThread() {
    return threads.get();
  }

  /** The task counters of one stream thread; used by that thread only. */
  static final class OfThread {
    private final List<TaskMetrics> tasks = new ArrayList<>();

    void add(TaskMetrics task) {
      tasks.add(task);
    }

    void remove(TaskMetrics task) {
      tasks.remove(task);
    }

    /** The thread's transaction committed: what its tasks counted is now true. */
    void committed() {
      tasks.forEach(TaskMetrics::committed);
    }

    /** The thread's transaction aborted: its tasks will process those records again. */
    void aborted() {
      tasks.forEach(TaskMetrics::aborted);
    }
  }
}
