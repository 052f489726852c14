package org.wikipulse.adapter.kstreams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * A stream thread's transactional producer that tells the thread's {@link UncommittedCounts} how
 * each transaction ended: committed when {@link #commitTransaction()} returns, aborted when it is
 * aborted or the producer is closed with it open (fenced, or replaced after a fencing). A commit
 * that throws is not an outcome: after a timeout Kafka Streams retries it, after any other error it
 * aborts or closes the producer. Everything else is passed on as it is.
 *
 * <p>Bound to the stream thread that begins its first transaction (Kafka Streams creates the
 * producer on another thread, then calls it from its stream thread only).
 */
final class CommitReportingProducer implements Producer<byte[], byte[]> {
  private final Producer<byte[], byte[]> delegate;
  private final UncommittedCounts uncommitted;
  private UncommittedCounts.OfThread thread;
  private boolean inTransaction;

  CommitReportingProducer(Producer<byte[], byte[]> delegate, UncommittedCounts uncommitted) {
    this.delegate = delegate;
    this.uncommitted = uncommitted;
  }

  @Override
  public void initTransactions() {
    delegate.initTransactions();
  }

  @Override
  public void beginTransaction() {
    if (thread == null) {
      thread = uncommitted.ofCurrentThread();
    }
    delegate.beginTransaction();
    inTransaction = true;
  }

  @Override
  @SuppressWarnings("deprecation")
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, String consumerGroupId) {
    delegate.sendOffsetsToTransaction(offsets, consumerGroupId);
  }

  @Override
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
    delegate.sendOffsetsToTransaction(offsets, groupMetadata);
  }

  @Override
  public void commitTransaction() {
    delegate.commitTransaction();
    inTransaction = false;
    if (thread != null) {
      thread.committed();
    }
  }

  @Override
  public void abortTransaction() {
    try {
      delegate.abortTransaction();
    } finally {
      // Aborted here, or already by the coordinator when this throws because the producer was
      // fenced: either way nothing of it committed.
      aborted();
    }
  }

  private void aborted() {
    inTransaction = false;
    if (thread != null) {
      thread.aborted();
    }
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    return delegate.send(record);
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
    return delegate.send(record, callback);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    return delegate.partitionsFor(topic);
  }

  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    return delegate.metrics();
  }

  @Override
  public Uuid clientInstanceId(Duration timeout) {
    return delegate.clientInstanceId(timeout);
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      closedWithTransaction();
    }
  }

  @Override
  public void close(Duration timeout) {
    try {
      delegate.close(timeout);
    } finally {
      closedWithTransaction();
    }
  }

  /** A transaction still open when its producer closes never commits. */
  private void closedWithTransaction() {
    if (inTransaction) {
      aborted();
    }
  }
}
