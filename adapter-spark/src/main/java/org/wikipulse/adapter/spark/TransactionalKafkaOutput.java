package org.wikipulse.adapter.spark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.topics.DeadLetterLimit;

/**
 * Each micro-batch's rows, dead letters and pipeline state in one Kafka transaction: readers with
 * {@code isolation.level=read_committed} see a batch's rows and dead letters once or not at all.
 * The undecodable records are copied from the input into the transaction as they are read back
 * ({@link InputRecordReader}), so the producer's buffer, not the batch, bounds what they cost. The
 * state goes to a compacted one-partition state topic under the query's key, so the batch id that
 * was last committed is known after a crash; the transactional id is derived from the query's
 * checkpoint, so a restarted driver fences the one it replaces (its open transaction is aborted)
 * before it reads the state back.
 */
final class TransactionalKafkaOutput implements BatchOutput {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalKafkaOutput.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, Object> clientProperties;
  private final String transactionalId;
  private final String outputTopic;
  private final String deadLetterTopic;
  private final DeadLetterLimit deadLetterLimit;
  private final String stateTopic;
  private final byte[] stateKey;
  private final InputRecordReader input;
  private KafkaProducer<byte[], byte[]> producer;
  private CompletableFuture<Optional<PipelineState>> resuming;
  private boolean closed;

  /**
   * @param clientProperties bootstrap servers and security settings for a producer and a consumer
   * @param inputProperties bootstrap servers and settings of the input's cluster, to read the
   *     undecodable records back from
   * @param transactionalId stable for the query: derived from its checkpoint location
   */
  TransactionalKafkaOutput(
      Map<String, String> clientProperties,
      Map<String, String> inputProperties,
      String transactionalId,
      String outputTopic,
      String deadLetterTopic,
      DeadLetterLimit deadLetterLimit,
      String stateTopic) {
    this.clientProperties = new HashMap<>(clientProperties);
    this.transactionalId = transactionalId;
    this.outputTopic = outputTopic;
    this.deadLetterTopic = deadLetterTopic;
    this.deadLetterLimit = deadLetterLimit;
    this.stateTopic = stateTopic;
    this.stateKey = transactionalId.getBytes(StandardCharsets.UTF_8);
    this.input = new InputRecordReader(inputProperties);
  }

  /**
   * Begins what the first {@link #resume()} does (fencing the previous driver, reading the
   * committed state, and the clients' first metadata) on a thread of its own, so that it overlaps
   * the Spark context's and the query's start instead of delaying the first micro-batch.
   */
  synchronized void beginResume() {
    CompletableFuture<Optional<PipelineState>> begun = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                begun.complete(fenceAndReadState());
              } catch (RuntimeException | Error e) {
                begun.completeExceptionally(e);
              }
            },
            "wikipulse-spark-resume");
    thread.setDaemon(true);
    resuming = begun;
    thread.start();
  }

  @Override
  public Optional<PipelineState> resume() throws InterruptedException {
    CompletableFuture<Optional<PipelineState>> begun;
    synchronized (this) {
      begun = resuming;
      resuming = null;
    }
    if (begun == null) {
      return fenceAndReadState();
    }
    try {
      return begun.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(
          "Cannot resume from the state topic '" + stateTopic + "'", e.getCause());
    }
  }

  private Optional<PipelineState> fenceAndReadState() {
    closeClients();
    Map<String, Object> producerProperties = new HashMap<>(clientProperties);
    producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
    // Kafka's 1 MiB would refuse a dead letter that its topic takes, and the batch would fail on
    // it at every retry; a user's own setting is already part of the limit.
    producerProperties.put(
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, deadLetterLimit.producerMaxRequestSize());
    producerProperties.put(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producerProperties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    KafkaProducer<byte[], byte[]> fencing = new KafkaProducer<>(producerProperties);
    try {
      fencing.initTransactions();
      // The first batch's sends would wait for these otherwise.
      for (String topic : List.of(outputTopic, deadLetterTopic, stateTopic)) {
        fencing.partitionsFor(topic);
      }
      Optional<PipelineState> committed = readState();
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("The output was closed while it resumed");
        }
        producer = fencing;
      }
      return committed;
    } catch (RuntimeException | Error e) {
      fencing.close(Duration.ZERO);
      throw e;
    }
  }

  private Optional<PipelineState> readState() {
    Map<String, Object> consumerProperties = new HashMap<>(clientProperties);
    consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumerProperties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumerProperties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    TopicPartition partition = new TopicPartition(stateTopic, 0);
    byte[] last = null;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (consumer.position(partition, READ_TIMEOUT) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Could not read the state topic '" + stateTopic + "' to its end in " + READ_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          if (Arrays.equals(record.key(), stateKey)) {
            last = record.value();
          }
        }
      }
    }
    return last == null ? Optional.empty() : Optional.of(PipelineState.fromBytes(last));
  }

  @Override
  public void commit(
      List<Row> rows, List<RejectedRecord> rejected, List<DeadLetter> late, PipelineState state)
      throws InterruptedException {
    try {
      producer.beginTransaction();
      for (Row row : rows) {
        producer.send(new ProducerRecord<>(outputTopic, row.key(), row.value()));
      }
      input.deadLettersOf(rejected, this::send);
      late.forEach(this::send);
      producer.send(new ProducerRecord<>(stateTopic, 0, stateKey, state.toBytes()));
      producer.commitTransaction();
    } catch (InterruptException e) {
      // The query is being stopped: Spark expects the interrupt itself, not a failure. The open
      // transaction is aborted by the next driver's initTransactions, or times out.
      InterruptedException interrupted = new InterruptedException("Stopped while writing a batch");
      interrupted.initCause(e);
      throw interrupted;
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      throw new IllegalStateException(
          "Cannot write batch "
              + state.lastBatchId
              + ": another driver took over transactional id '"
              + transactionalId
              + "' or the producer cannot go on ("
              + e.getMessage()
              + ")",
          e);
    } catch (KafkaException | IllegalStateException e) {
      abortQuietly();
      throw new IllegalStateException(
          "Cannot write batch " + state.lastBatchId + " to Kafka: " + e.getMessage(), e);
    }
  }

  private void send(DeadLetter deadLetter) {
    Headers headers = new RecordHeaders();
    deadLetter.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
    DeadLetterLimit.Fitted fitted =
        deadLetterLimit.fitted(
            deadLetter.key(),
            deadLetter.value(),
            headers,
            DeadLetterHeaders.PREFIX,
            DeadLetterHeaders.OMITTED);
    producer.send(
        new ProducerRecord<>(
            deadLetterTopic, null, fitted.key(), fitted.value(), fitted.headers()));
  }

  private void abortQuietly() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      LOG.warn("Could not abort the transaction of '{}': {}", transactionalId, e.getMessage());
    }
  }

  /**
   * Closes the clients; a resume still under way when it is called closes its own clients when it
   * ends.
   */
  @Override
  public synchronized void close() {
    closed = true;
    closeClients();
  }

  private synchronized void closeClients() {
    input.close();
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
      producer = null;
    }
  }
}
