package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wikipulse.adapter.spark.TestEvents.canary;
import static org.wikipulse.adapter.spark.TestEvents.human;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;

/**
 * Dead letters leave from inside the decoding tasks, so a dead letter that cannot be stored must
 * fail its task and batch: the batch then does not commit, and runs again on restart, instead of
 * completing without it.
 */
class DeadLetterDeliveryTest {

  /**
   * Purpose: a failed dead-letter write stops the query visibly and commits nothing. Input: one
   * batch with a valid edit, a bad record and a canary far ahead, into a sink whose flush fails.
   * Pass: feeding the batch throws with the sink's message, the query is no longer active, and no
   * count reached the output.
   */
  @Test
  void aDeadLetterThatCannotBeStoredFailsTheBatch() {
    String registryName = "spark-dead-letter-test-" + UUID.randomUUID();
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.named(registryName);
    WireCodecs codecs =
        new ConfluentWireCodecs(new InMemoryRegistryConnector(registryName), "out-value");
    CollectedOutput output = new CollectedOutput();
    BatchMerge merge =
        new BatchMerge(
            new BatchMerge.Settings(
                WindowSpec.DEFAULT, 1, Duration.ofSeconds(30), LateEvents.COUNT),
            codecs,
            new UnstorableDeadLetters(),
            output,
            new ManualClock(),
            new ProgressCounters());
    EventFeed feed = new EventFeed(registry, "in");
    List<KafkaRecord> batch = new ArrayList<>(feed.records(human(10)));
    batch.add(feed.raw(0, new byte[] {9, 9, 9}));
    batch.addAll(feed.records(canary(10_000)));

    try (MemoryStreamQuery query = new MemoryStreamQuery(SharedSpark.newSession(), merge, null)) {
      assertThatThrownBy(() -> query.feed(batch))
          .hasStackTraceContaining("Cannot write dead letters to 'unreachable-dead-letters'");
      assertThat(query.query().isActive()).isFalse();
      assertThat(output.commits()).isEmpty();
    }
  }

  /**
   * Purpose: the Kafka writer reports a dead letter the broker never acknowledged. Input: one dead
   * letter to a port where no broker listens, with a short metadata wait. Pass: flush throws,
   * naming the topic.
   */
  @Test
  void theKafkaWriterFailsItsFlushWhenNoBrokerTakesTheDeadLetter() {
    KafkaDeadLetterSink sink =
        new KafkaDeadLetterSink("127.0.0.1:9", Map.of("max.block.ms", "300"), "nowhere");
    try (DeadLetterSink.Writer writer = sink.open()) {
      writer.write(new DeadLetter(null, new byte[] {1}, List.of()));
      assertThatThrownBy(writer::flush)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Cannot write dead letters to 'nowhere'");
    }
  }

  /** A sink whose writes never get stored, like a Kafka cluster that rejects them. */
  private static final class UnstorableDeadLetters implements DeadLetterSink {
    private static final long serialVersionUID = 1L;

    @Override
    public String topic() {
      return "unreachable-dead-letters";
    }

    @Override
    public Writer open() {
      return new Writer() {
        private int pending;

        @Override
        public void write(DeadLetter deadLetter) {
          pending++;
        }

        @Override
        public void flush() {
          if (pending > 0) {
            throw new IllegalStateException(
                "Cannot write dead letters to '" + topic() + "': not acknowledged");
          }
        }

        @Override
        public void close() {}
      };
    }
  }
}
