package org.wikipulse.adapter.kstreams;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.PipelineSpec;

/**
 * Aborts the open transactions of a killed run of this instance: a producer that initialises
 * transactions under a transactional id fences the id's older producer and aborts its open
 * transaction at once, which is how Kafka itself recovers a restarted transactional producer. Only
 * the ids of this state directory's own last run are touched, never another live instance's.
 */
final class ZombieFencing {
  private static final Logger LOG = LoggerFactory.getLogger(ZombieFencing.class);
  private static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);

  private ZombieFencing() {}

  static void fenceLastRun(PipelineSpec spec, InstanceIdentity identity) {
    identity
        .lastRun()
        .ifPresent(
            run -> {
              long started = System.nanoTime();
              for (String transactionalId : run.transactionalIds(spec.applicationId())) {
                fence(spec, transactionalId);
              }
              LOG.debug(
                  "Fenced the last run's {} transactional ids in {} ms",
                  run.threads(),
                  (System.nanoTime() - started) / 1_000_000);
            });
  }

  private static void fence(PipelineSpec spec, String transactionalId) {
    Properties props = new Properties();
    props.putAll(spec.kafkaClientProperties());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, spec.sink().bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(INIT_TIMEOUT.toMillis()));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
    } catch (KafkaException e) {
      // Not fatal: the transaction timeout still aborts what is left open, only later.
      LOG.warn(
          "Could not fence transactional id {} of the last run: {}",
          transactionalId,
          e.getMessage());
    }
  }
}
