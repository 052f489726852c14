package org.wikipulse.adapter.spark;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters to a Kafka topic, at least once: a task sends its dead letters as it finds them and
 * waits for all of them to be acknowledged before it completes, so a batch commits only after its
 * dead letters are stored; a task or batch that runs again sends them again. The producer is
 * created on a task's first dead letter, so tasks without any cost nothing.
 */
final class KafkaDeadLetterSink implements DeadLetterSink {
  private static final long serialVersionUID = 1L;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, String> producerProperties;
  private final String topic;

  /**
   * @param bootstrapServers the sink's brokers
   * @param clientProperties further producer settings (such as security), without a prefix
   * @param topic where dead letters go
   */
  KafkaDeadLetterSink(String bootstrapServers, Map<String, String> clientProperties, String topic) {
    Map<String, String> properties = new HashMap<>(clientProperties);
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    this.producerProperties = Map.copyOf(properties);
    this.topic = topic;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public Writer open() {
    return new ProducerWriter();
  }

  private final class ProducerWriter implements Writer {
    private KafkaProducer<byte[], byte[]> producer;
    private volatile Exception firstFailure;
    private boolean closed;

    @Override
    public void write(DeadLetter deadLetter) {
      if (producer == null) {
        producer = new KafkaProducer<>(new HashMap<String, Object>(producerProperties));
      }
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic, deadLetter.key(), deadLetter.value());
      for (DeadLetter.Header header : deadLetter.headers()) {
        record.headers().add(new RecordHeader(header.key(), header.value()));
      }
      producer.send(
          record,
          (metadata, failure) -> {
            if (failure != null && firstFailure == null) {
              firstFailure = failure;
            }
          });
    }

    @Override
    public void flush() {
      if (producer != null) {
        producer.flush();
      }
      Exception failure = firstFailure;
      if (failure != null) {
        throw new IllegalStateException(
            "Cannot write dead letters to '" + topic + "': " + failure.getMessage(), failure);
      }
    }

    @Override
    public void close() {
      if (!closed && producer != null) {
        producer.close(CLOSE_TIMEOUT);
      }
      closed = true;
    }
  }
}
