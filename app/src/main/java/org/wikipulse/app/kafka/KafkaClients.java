package org.wikipulse.app.kafka;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.wikipulse.app.config.WikipulseConfig;

/**
 * The Kafka clients the launcher itself uses, configured once: the {@code kafka.client.*} settings
 * (security and the like) first, then what each client needs.
 */
public final class KafkaClients {
  private KafkaClients() {}

  /** An admin client whose calls give up after the connect timeout. */
  public static Admin admin(WikipulseConfig config) {
    Properties props = clientProperties(config);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    int timeoutMs = (int) config.connectTimeout().toMillis();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "wikipulse-admin");
    return Admin.create(props);
  }

  /**
   * A producer that batches: waits up to 20 ms to fill 256 KiB batches, compresses them with lz4,
   * and is idempotent, so a retried batch is never written twice.
   */
  public static KafkaProducer<byte[], byte[]> producer(WikipulseConfig config) {
    Properties props = clientProperties(config);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.connectTimeout().toMillis() * 2);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "wikipulse-ingest");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A consumer without a group, for reading partitions it assigns itself. */
  public static KafkaConsumer<byte[], byte[]> reader(WikipulseConfig config, String clientId) {
    Properties props = clientProperties(config);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static Properties clientProperties(WikipulseConfig config) {
    Properties props = new Properties();
    props.putAll(config.kafkaClientProperties());
    return props;
  }
}
