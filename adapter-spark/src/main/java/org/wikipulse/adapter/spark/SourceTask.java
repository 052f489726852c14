package org.wikipulse.adapter.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.wikipulse.domain.PartitionStage;
import org.wikipulse.domain.StageMessage;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.WireCodecs;

/**
 * Stage one on the executors: one Spark task reads its records in offset order, decodes each once
 * (one decoder per task: decoders are not thread-safe), notes where each record that does not
 * decode is and why ({@link RejectedRecord}: the driver dead-letters it in the batch's
 * transaction), and drives each input partition's {@link PartitionStage} record by record; it
 * returns one small {@link SourceBatch} per input partition it read (through the RDD API: a Dataset
 * encoder would need public classes). Spark's Kafka source gives a task one partition's offset
 * range, in order; a task given several partitions (a memory stream in tests) keeps them apart. The
 * driver hands each partition's stage in with the task and takes the new one back with its result,
 * so no state store is involved.
 */
final class SourceTask implements FlatMapFunction<Iterator<InternalRow>, SourceBatch> {
  private static final long serialVersionUID = 1L;

  private final Map<Integer, PartitionStage> stages;
  private final WindowSpec windows;
  private final WireCodecs codecs;
  private final boolean keepLateRecords;

  /**
   * @param stages each input partition's stage before the batch (copied: the task gets its own)
   * @param keepLateRecords whether late candidates keep their input record, for dead-lettering
   */
  SourceTask(
      Map<Integer, PartitionStage> stages,
      WindowSpec windows,
      WireCodecs codecs,
      boolean keepLateRecords) {
    this.stages = new HashMap<>(stages);
    this.windows = windows;
    this.codecs = codecs;
    this.keepLateRecords = keepLateRecords;
  }

  /** One input partition's part of the task. */
  private final class Reading {
    final PartitionStage stage;
    final List<StageMessage> messages = new ArrayList<>();
    final Map<Integer, SourceRecord> lateRecords = new HashMap<>();
    final List<RejectedRecord> rejected = new ArrayList<>();
    final long firstOffset;
    long records;

    Reading(int source, long firstOffset) {
      this.stage = stages.getOrDefault(source, new PartitionStage(source, windows));
      this.firstOffset = firstOffset;
    }

    SourceBatch result() {
      return new SourceBatch(
          stage.source(),
          stage,
          List.copyOf(messages),
          Map.copyOf(lateRecords),
          records,
          List.copyOf(rejected),
          firstOffset);
    }
  }

  @Override
  public Iterator<SourceBatch> call(Iterator<InternalRow> rows) {
    if (!rows.hasNext()) {
      return List.<SourceBatch>of().iterator();
    }
    RetryingDecoder decoder = new RetryingDecoder(codecs.newDecoder());
    Map<Integer, Reading> readings = new HashMap<>();
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      int source = SourceRecord.partitionOf(row);
      Reading reading = readings.get(source);
      if (reading == null) {
        reading = new Reading(source, SourceRecord.offsetOf(row));
        readings.put(source, reading);
      }
      read(row, reading, decoder);
    }
    List<SourceBatch> results = new ArrayList<>(readings.size());
    readings.values().forEach(reading -> results.add(reading.result()));
    return results.iterator();
  }

  private void read(InternalRow row, Reading reading, RetryingDecoder decoder) {
    reading.records++;
    DecodeResult result = decoder.decode(SourceRecord.valueOf(row));
    if (result instanceof DecodeResult.Decoded decoded) {
      int before = reading.messages.size();
      reading.stage.accept(decoded.event(), reading.messages);
      if (keepLateRecords) {
        for (int i = before; i < reading.messages.size(); i++) {
          if (reading.messages.get(i) instanceof StageMessage.LateCandidate) {
            reading.lateRecords.put(i, SourceRecord.of(row));
          }
        }
      }
    } else {
      reading.rejected.add(SourceRecord.rejectedOf(row, (DecodeResult.Rejected) result));
    }
  }
}
