package org.wikipulse.contract.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;

/** A broker that requires clients to log in. */
public interface SecuredClusterCases extends BrokerCase {

  /**
   * Purpose: the Kafka client settings reach every client the runtime creates (source, sink,
   * dead-letter producer, admin and topic setup). Input: the shared backlog read and written
   * through the broker's SASL/PLAIN listener, logging in with the client settings. Pass: the
   * reference's rows, each key once, and every bad record dead-lettered.
   */
  @Test
  default void throughASaslListenerTheAnswerIsTheSame(@TempDir Path stateDir) {
    BrokerFixture fixture = fixture();
    PipelineSpec spec =
        fixture.saslSpec(runtime().name(), "sasl", stateDir, engineProperties(100_000));
    List<WindowCount> rows;
    try (RunningPipeline pipeline = start(spec)) {
      rows = fixture.rowsWrittenOncePerKey(spec, fixture.expected().rows().size());
    }
    fixture.assertTheReference(rows);
    assertThat(fixture.readCommitted(spec.sink().deadLetterTopic(), BrokerFixture.BAD_RECORDS))
        .hasSize(BrokerFixture.BAD_RECORDS);
  }
}
