package org.wikipulse.adapter.kstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;
import org.wikipulse.ports.DeadLetterReason;

/**
 * Under exactly-once the counters count what is committed: a stream thread's counts appear when its
 * producer's transaction commits and are dropped when it aborts, is fenced, or its task closes
 * without a commit, since Kafka Streams then processes those records again. Under at-least-once
 * they appear at once.
 */
class CommittedCountsTest {
  private final StreamsTelemetry telemetry = new StreamsTelemetry();
  private final MockProducer<byte[], byte[]> kafkaProducer = transactionalMock();
  private final Producer<byte[], byte[]> producer =
      new CommitReportingProducer(kafkaProducer, telemetry.uncommitted());

  @Test
  void theCountsOfEveryTaskOfTheThreadAppearWhenItsTransactionCommits() {
    MockProcessorContext<Object, Object> partitionContext = context(StreamsConfig.EXACTLY_ONCE_V2);
    MockProcessorContext<Object, Object> mergerContext =
        context(StreamsConfig.EXACTLY_ONCE_V2, new TaskId(1, 0));
    TaskMetrics partitionTask = new TaskMetrics(partitionContext, telemetry.uncommitted());
    TaskMetrics.Counter recordsIn =
        partitionTask.counter("records-in", "read", telemetry.recordsIn);
    TaskMetrics merger = new TaskMetrics(mergerContext, telemetry.uncommitted());
    TaskMetrics.Counter windowsOut = merger.counter("windows-out", "rows", telemetry.windowsOut);

    producer.beginTransaction();
    recordsIn.add(3);
    windowsOut.increment();
    assertThat(telemetry.snapshot().recordsIn()).as("before the commit").isZero();
    assertThat(metric(partitionContext, "records-in-total")).as("metric before").isZero();

    producer.commitTransaction();
    assertThat(telemetry.snapshot().recordsIn()).isEqualTo(3);
    assertThat(telemetry.snapshot().windowsOut()).isEqualTo(1);
    assertThat(metric(partitionContext, "records-in-total")).isEqualTo(3);
    assertThat(metric(mergerContext, "windows-out-total")).isEqualTo(1);
  }

  @Test
  void theCountsOfAnAbortedTransactionAreDroppedNotCarriedIntoTheNext() {
    TaskMetrics task =
        new TaskMetrics(context(StreamsConfig.EXACTLY_ONCE_V2), telemetry.uncommitted());
    TaskMetrics.Counter recordsIn = task.counter("records-in", "read", telemetry.recordsIn);

    committed(() -> recordsIn.add(5));
    producer.beginTransaction();
    recordsIn.add(3);
    producer.abortTransaction();
    assertThat(telemetry.snapshot().recordsIn()).isEqualTo(5);

    committed(() -> recordsIn.add(2));
    assertThat(telemetry.snapshot().recordsIn()).isEqualTo(7);
  }

  @Test
  void aFencedProducerCommitsNothingAndItsReplacementStartsFromTheLastCommit() {
    TaskMetrics task =
        new TaskMetrics(context(StreamsConfig.EXACTLY_ONCE_V2), telemetry.uncommitted());
    TaskMetrics.Counter deadLettered =
        task.counter("dead-lettered", "dead letters", telemetry.deadLettered);

    producer.beginTransaction();
    deadLettered.add(4);
    kafkaProducer.fenceProducer();
    assertThatThrownBy(producer::commitTransaction).isInstanceOf(ProducerFencedException.class);
    // Kafka Streams closes a fenced thread's producer and makes a new one.
    producer.close();
    Producer<byte[], byte[]> replacement =
        new CommitReportingProducer(transactionalMock(), telemetry.uncommitted());
    replacement.beginTransaction();
    deadLettered.increment();
    replacement.commitTransaction();

    assertThat(telemetry.snapshot().deadLettered()).isEqualTo(1);
  }

  @Test
  void aCommitThatTimesOutKeepsItsCountsForTheRetry() {
    TaskMetrics task =
        new TaskMetrics(context(StreamsConfig.EXACTLY_ONCE_V2), telemetry.uncommitted());
    TaskMetrics.Counter counted = task.counter("counted", "counted", telemetry.counted);

    producer.beginTransaction();
    counted.add(6);
    kafkaProducer.commitTransactionException = new TimeoutException("broker away");
    assertThatThrownBy(producer::commitTransaction).isInstanceOf(TimeoutException.class);
    assertThat(telemetry.snapshot().counted()).isZero();

    kafkaProducer.commitTransactionException = null;
    producer.commitTransaction();
    assertThat(telemetry.snapshot().counted()).isEqualTo(6);
  }

  @Test
  void aTaskClosedWithoutACommitDropsItsCountsAndTheOthersKeepTheirs() {
    TaskMetrics closing =
        new TaskMetrics(context(StreamsConfig.EXACTLY_ONCE_V2), telemetry.uncommitted());
    TaskMetrics.Counter closingIn = closing.counter("records-in", "read", telemetry.recordsIn);
    TaskMetrics staying =
        new TaskMetrics(
            context(StreamsConfig.EXACTLY_ONCE_V2, new TaskId(0, 1)), telemetry.uncommitted());
    TaskMetrics.Counter stayingIn = staying.counter("records-in", "read", telemetry.recordsIn);

    closingIn.add(4);
    stayingIn.add(2);
    closing.close();
    committed(() -> {});

    assertThat(telemetry.snapshot().recordsIn()).isEqualTo(2);
  }

  @Test
  void theDeadLettersOfEachReasonFollowTheSameRule() {
    TaskMetrics task =
        new TaskMetrics(context(StreamsConfig.EXACTLY_ONCE_V2), telemetry.uncommitted());
    TaskMetrics.Counter late = task.counter(telemetry.deadLettersOf(DeadLetterReason.LATE));

    producer.beginTransaction();
    late.increment();
    producer.abortTransaction();
    committed(late::increment);

    assertThat(telemetry.metrics(Map.of()).deadLettersByReason())
        .containsEntry(DeadLetterReason.LATE, 1L);
  }

  @Test
  void underAtLeastOnceTheCountsAppearAtOnceAndInTheMetricAtTheFlush() {
    MockProcessorContext<Object, Object> context = context(StreamsConfig.AT_LEAST_ONCE);
    TaskMetrics task = new TaskMetrics(context, telemetry.uncommitted());
    TaskMetrics.Counter recordsIn = task.counter("records-in", "read", telemetry.recordsIn);

    recordsIn.add(3);
    assertThat(telemetry.snapshot().recordsIn()).isEqualTo(3);
    task.flush();
    assertThat(metric(context, "records-in-total")).isEqualTo(3);
  }

  @Test
  void onlyTransactionalProducersReportTheirCommits() {
    CommitReportingClientSupplier supplier =
        new CommitReportingClientSupplier(telemetry.uncommitted());
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    Map<String, Object> transactional = new HashMap<>(config);
    transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "app-thread-1");

    try (Producer<byte[], byte[]> plain = supplier.getProducer(config);
        Producer<byte[], byte[]> thread = supplier.getProducer(transactional)) {
      assertThat(plain).isNotInstanceOf(CommitReportingProducer.class);
      assertThat(thread).isInstanceOf(CommitReportingProducer.class);
      plain.close(Duration.ZERO);
      thread.close(Duration.ZERO);
    }
  }

  @Test
  void theDeprecatedExactlyOnceWithATransactionPerTaskIsRefused() {
    Properties props = new Properties();
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once");
    assertThatThrownBy(() -> KafkaStreamsRuntime.requireOneTransactionPerThread(props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly_once_v2");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    KafkaStreamsRuntime.requireOneTransactionPerThread(props);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    KafkaStreamsRuntime.requireOneTransactionPerThread(props);
  }

  private void committed(Runnable counting) {
    producer.beginTransaction();
    counting.run();
    producer.commitTransaction();
  }

  private static MockProducer<byte[], byte[]> transactionalMock() {
    MockProducer<byte[], byte[]> mock =
        new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
    mock.initTransactions();
    return mock;
  }

  private static MockProcessorContext<Object, Object> context(String guarantee) {
    return context(guarantee, new TaskId(0, 0));
  }

  private static MockProcessorContext<Object, Object> context(String guarantee, TaskId task) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "committed-counts-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    return new MockProcessorContext<>(props, task, null);
  }

  private static double metric(MockProcessorContext<Object, Object> context, String name) {
    return context.metrics().metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals(TaskMetrics.GROUP))
        .filter(e -> e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }
}
