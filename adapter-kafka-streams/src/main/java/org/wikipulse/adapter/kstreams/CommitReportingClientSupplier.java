package org.wikipulse.adapter.kstreams;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;

/**
 * Kafka Streams' own clients, with each transactional producer (one per stream thread under
 * exactly_once_v2) reporting its commits and aborts to the pipeline's {@link UncommittedCounts}.
 */
final class CommitReportingClientSupplier implements KafkaClientSupplier {
  private final KafkaClientSupplier clients = new DefaultKafkaClientSupplier();
  private final UncommittedCounts uncommitted;

  CommitReportingClientSupplier(UncommittedCounts uncommitted) {
    this.uncommitted = uncommitted;
  }

  @Override
  public Admin getAdmin(Map<String, Object> config) {
    return clients.getAdmin(config);
  }

  @Override
  public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
    Producer<byte[], byte[]> producer = clients.getProducer(config);
    return config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG) == null
        ? producer
        : new CommitReportingProducer(producer, uncommitted);
  }

  @Override
  public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
    return clients.getConsumer(config);
  }

  @Override
  public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
    return clients.getRestoreConsumer(config);
  }

  @Override
  public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
    return clients.getGlobalConsumer(config);
  }
}
