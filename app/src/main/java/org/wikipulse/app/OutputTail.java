package org.wikipulse.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.kafka.KafkaClients;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Follows the output topic on its own thread and hands each poll's finished rows to a listener,
 * which also hears an empty list every poll so it can act on quiet periods.
 */
final class OutputTail implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final SchemaRegistry registry;
  private final Consumer<List<WindowCount>> listener;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile String failure;

  /**
   * @param fromBeginning read what is there already, or only what is written from now on
   */
  OutputTail(
      WikipulseConfig config,
      SchemaRegistry registry,
      boolean fromBeginning,
      Consumer<List<WindowCount>> listener) {
    this.consumer = KafkaClients.reader(config, "wikipulse-output-tail");
    this.registry = registry;
    this.listener = listener;
    String topic = config.topics().output();
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, config.connectTimeout()).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    }
    this.thread = new Thread(this::follow, "wikipulse-output-tail");
    thread.setDaemon(true);
    thread.start();
  }

  /** Why following stopped early, or null. */
  String failure() {
    return failure;
  }

  private void follow() {
    try {
      while (!stopped) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(250));
        List<WindowCount> rows = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : polled) {
          try {
            rows.add(EditCountRecords.decode(record.value(), registry));
          } catch (RuntimeException e) {
            System.err.println(
                "wikipulse: output record at offset "
                    + record.offset()
                    + " is not an EditCount: "
                    + e.getMessage());
          }
        }
        listener.accept(rows);
      }
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      // close() asked us to stop.
    } catch (RuntimeException e) {
      failure = e.getMessage();
      System.err.println("wikipulse: stopped following the output topic: " + e.getMessage());
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() {
    stopped = true;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
