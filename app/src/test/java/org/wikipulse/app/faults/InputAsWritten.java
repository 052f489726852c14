package org.wikipulse.app.faults;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.ReferenceInput;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowSpec;

/**
 * The fault input as its topic holds it, read back once everything planned is written, and the
 * reference's answer over exactly that. A producer that retries through a broker kill can write
 * records twice (idempotence drops a resent batch only while the producer keeps its epoch and
 * sequence numbers), and the pipeline rightly reads both copies: the verdict judges it by what it
 * was given, not by the plan.
 *
 * @param records every record on the topic
 * @param badRecords the undecodable ones among them
 * @param badPositions where those are
 * @param expected the reference's answer for the topic's events
 */
record InputAsWritten(
    long records, int badRecords, Set<FaultInput.Position> badPositions, ReferenceResult expected) {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Reads {@code topic} (written without transactions) from its beginning to its end, and matches
   * each record by its value with a planned one: an event of {@code plannedEvents} or a bad value
   * of {@code plannedBadValues}; a record that is neither fails.
   */
  static InputAsWritten read(
      String bootstrapServers,
      String topic,
      int partitions,
      Map<ByteBuffer, EditEvent> plannedEvents,
      Set<ByteBuffer> plannedBadValues) {
    List<List<ReferenceInput>> perPartition = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      perPartition.add(new ArrayList<>());
    }
    Set<FaultInput.Position> badPositions = new HashSet<>();
    long records = 0;
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    TopicReads.readToTheEnd(bootstrapServers, topic, "read_uncommitted", READ_TIMEOUT, all::add);
    for (ConsumerRecord<byte[], byte[]> record : all) {
      records++;
      ByteBuffer value = ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value());
      EditEvent event = plannedEvents.get(value);
      if (event != null) {
        perPartition
            .get(record.partition())
            .add(new ReferenceInput.Event(record.partition(), event));
      } else if (plannedBadValues.contains(value)) {
        badPositions.add(new FaultInput.Position(record.partition(), record.offset()));
      } else {
        throw new IllegalStateException(
            topic
                + " holds a record that was not planned, at "
                + record.partition()
                + "/"
                + record.offset());
      }
    }
    ReferenceResult expected =
        ReferenceResult.of(WindowSpec.DEFAULT, partitions, interleaved(perPartition));
    if (expected.droppedLate() != 0) {
      throw new IllegalStateException(
          "The fault input as " + topic + " holds it has late events: " + expected.droppedLate());
    }
    return new InputAsWritten(records, badPositions.size(), Set.copyOf(badPositions), expected);
  }

  /**
   * The partitions' events in turn, each partition in its offset order: the input has no late event
   * however its partitions interleave, so any one interleaving gives the reference's answer.
   */
  private static List<ReferenceInput> interleaved(List<List<ReferenceInput>> perPartition) {
    List<ReferenceInput> inputs = new ArrayList<>();
    int longest = perPartition.stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (List<ReferenceInput> partition : perPartition) {
        if (i < partition.size()) {
          inputs.add(partition.get(i));
        }
      }
    }
    return inputs;
  }
}
