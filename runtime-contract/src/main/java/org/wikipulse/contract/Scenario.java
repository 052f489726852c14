package org.wikipulse.contract;

import java.util.ArrayList;
import java.util.List;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.ReferenceAnalysis;
import org.wikipulse.domain.WindowCount;

/**
 * One case's input, fed to the runtime and, for the records that decode, to the reference in the
 * same order. Keeps what the reference emitted (no flush: the runtime has none either).
 */
final class Scenario {
  private final RuntimeHarness harness;
  private final ContractRecords records;
  private final ReferenceAnalysis reference;
  private final List<WindowCount> referenceRows = new ArrayList<>();
  private long fed;
  private long bad;

  Scenario(RuntimeHarness harness, ContractRecords records, ReferenceAnalysis reference) {
    this.harness = harness;
    this.records = records;
    this.reference = reference;
  }

  /** A batch under construction; {@link Batch#feed()} hands it to the runtime. */
  Batch batch() {
    return new Batch();
  }

  /** Feeds each event as a batch of its own, all to partition 0. */
  void feedOneByOne(List<EditEvent> events) {
    for (EditEvent event : events) {
      batch().v1(0, event).feed();
    }
  }

  /** Feeds the events to partition 0 in batches of the given size. */
  void feedInBatches(List<EditEvent> events, int size) {
    for (int from = 0; from < events.size(); from += size) {
      Batch batch = batch();
      for (EditEvent event : events.subList(from, Math.min(events.size(), from + size))) {
        batch.v1(0, event);
      }
      batch.feed();
    }
  }

  /** Moves every partition's event time to the given second with a canary event each. */
  void advanceAllPartitionsTo(long seconds, int partitions) {
    Batch batch = batch();
    for (int p = 0; p < partitions; p++) {
      batch.v1(p, ContractEvents.canary(seconds));
    }
    batch.feed();
  }

  void markIdle(int partition) {
    referenceRows.addAll(reference.markIdle(partition));
    harness.markIdle(partition);
  }

  List<WindowCount> referenceRows() {
    return referenceRows.stream().sorted(WindowCount.ORDER).toList();
  }

  ContractRecords records() {
    return records;
  }

  ReferenceAnalysis reference() {
    return reference;
  }

  long fed() {
    return fed;
  }

  long bad() {
    return bad;
  }

  final class Batch {
    private final List<ContractRecord> batch = new ArrayList<>();

    Batch v1(int partition, EditEvent event) {
      return good(partition, event, records.v1(event));
    }

    Batch v2(int partition, EditEvent event) {
      return good(partition, event, records.v2(event));
    }

    /** A record the runtime must dead-letter; the reference never sees it. */
    Batch bad(int partition, byte[] value) {
      batch.add(new ContractRecord(partition, value));
      bad++;
      return this;
    }

    private Batch good(int partition, EditEvent event, byte[] value) {
      batch.add(new ContractRecord(partition, value));
      referenceRows.addAll(reference.accept(partition, event));
      return this;
    }

    void feed() {
      fed += batch.size();
      harness.feed(List.copyOf(batch));
    }
  }
}
