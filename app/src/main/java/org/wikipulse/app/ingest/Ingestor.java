package org.wikipulse.app.ingest;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;

/**
 * Writes a source's records to the input topic in the Confluent wire format, keyed by wiki so that
 * each wiki's events stay in order. Sends are asynchronous and batched by the producer; it is
 * flushed once, at the end.
 */
public final class Ingestor {
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final RecentChangeWriter writer;
  private final Pacer pacer;
  private final long limit;
  private final PrintWriter status;
  private final IngestProgress progress;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private volatile boolean stopped;
  private long sent;
  private long unwritable;

  /**
   * @param limit stop after this many records; {@link Long#MAX_VALUE} for none
   * @param status where records that cannot be written are reported
   * @param progress shows the count as it goes
   */
  public Ingestor(
      Producer<byte[], byte[]> producer,
      String topic,
      RecentChangeWriter writer,
      Pacer pacer,
      long limit,
      PrintWriter status,
      IngestProgress progress) {
    this.producer = producer;
    this.topic = topic;
    this.writer = writer;
    this.pacer = pacer;
    this.limit = limit;
    this.status = status;
    this.progress = progress;
  }

  /**
   * What an ingestion did.
   *
   * @param sent records handed to the producer
   * @param acknowledged records the broker confirmed
   * @param failed records the producer could not write
   * @param skipped records the source or the writer could not use, each reported when it happened
   * @param firstError the first producer error, or null
   * @param elapsed how long it took
   */
  public record Summary(
      long sent,
      long acknowledged,
      long failed,
      long skipped,
      String firstError,
      Duration elapsed) {

    /** One line for a person. */
    public String describe(String topic) {
      double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
      return String.format(
              "ingest: %,d events written to %s in %.1f s (%,.0f/s)",
              acknowledged, topic, seconds, acknowledged / seconds)
          + (skipped > 0 ? String.format(", %,d skipped", skipped) : "")
          + (failed > 0 ? String.format(", %,d failed: %s", failed, firstError) : "");
    }
  }

  /** Asks a running ingestion to stop after the current record; it still flushes. */
  public void stop() {
    stopped = true;
  }

  /** Runs the source to its end, the limit, or {@link #stop()}, then flushes. */
  public Summary run(RecentChangeSource source) throws InterruptedException {
    long started = System.nanoTime();
    boolean[] interrupted = {false};
    try {
      source.feed(
          record -> {
            if (stopped || sent >= limit) {
              return false;
            }
            try {
              pacer.pace(record);
            } catch (InterruptedException e) {
              interrupted[0] = true;
              return false;
            }
            send(record);
            progress.sent(sent, System.nanoTime());
            return !stopped && sent < limit;
          });
    } finally {
      producer.flush();
      progress.done();
    }
    if (interrupted[0]) {
      Thread.currentThread().interrupt();
    }
    return new Summary(
        sent,
        acknowledged.get(),
        failed.get(),
        source.skipped() + unwritable,
        firstError.get(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private void send(GenericRecord record) {
    byte[] value;
    try {
      value = writer.write(record);
    } catch (IllegalArgumentException e) {
      unwritable++;
      status.println("ingest: skipped a record the writer schema cannot hold: " + e.getMessage());
      return;
    }
    Object wiki = record.get("wiki");
    byte[] key = wiki == null ? null : wiki.toString().getBytes(StandardCharsets.UTF_8);
    sent++;
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, error) -> {
          if (error == null) {
            acknowledged.incrementAndGet();
          } else {
            failed.incrementAndGet();
            firstError.compareAndSet(
                null, error.getClass().getSimpleName() + ": " + error.getMessage());
          }
        });
  }
}
