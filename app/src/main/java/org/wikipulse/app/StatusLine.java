package org.wikipulse.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.wikipulse.app.config.WikipulseConfig;
import org.wikipulse.app.kafka.KafkaClients;
import org.wikipulse.ports.PipelineProgress;

/**
 * The pipeline's status in one line: its counters, and the consumer lag of its group when the
 * runtime commits offsets to Kafka (Kafka Streams does; Spark keeps offsets in its checkpoint).
 */
final class StatusLine implements AutoCloseable {
  private final WikipulseConfig config;
  private final Admin admin;

  StatusLine(WikipulseConfig config) {
    this.config = config;
    this.admin = KafkaClients.admin(config);
  }

  String describe(PipelineProgress progress) {
    OptionalLong lag = lag();
    return String.format(
        "status: in %,d | counted %,d | late %,d | dead-lettered %,d | windows out %,d | lag %s",
        progress.recordsIn(),
        progress.counted(),
        progress.droppedLate(),
        progress.deadLettered(),
        progress.windowsOut(),
        lag.isPresent() ? String.format("%,d", lag.getAsLong()) : "n/a");
  }

  /** Records in the input not yet committed by the pipeline's consumer group, if it has one. */
  OptionalLong lag() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(config.applicationId())
              .partitionsToOffsetAndMetadata()
              .get(2, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.keySet().stream()
          .filter(tp -> tp.topic().equals(config.topics().input()))
          .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      if (latest.isEmpty()) {
        return OptionalLong.empty();
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
      long lag = 0;
      for (TopicPartition tp : List.copyOf(latest.keySet())) {
        OffsetAndMetadata offset = committed.get(tp);
        lag += Math.max(0, ends.get(tp).offset() - (offset == null ? 0 : offset.offset()));
      }
      return OptionalLong.of(lag);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(2));
  }
}
