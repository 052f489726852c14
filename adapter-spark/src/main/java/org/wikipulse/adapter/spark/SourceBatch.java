package org.wikipulse.adapter.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.wikipulse.domain.PartitionStage;
import org.wikipulse.domain.StageMessage;

/**
 * What one task read of one input partition in a micro-batch, for the driver's merge: the
 * partition's stage after the batch, the messages it made in order, and counts.
 *
 * @param source the input partition
 * @param stage the partition's stage after its last record of the batch
 * @param messages what the stage made, in order
 * @param lateRecords the input record of each late candidate, by its index in {@code messages},
 *     kept only when late events are dead-lettered
 * @param records how many records of the partition the task read
 * @param rejected the records it could not decode, in offset order, for the driver to dead-letter
 * @param firstOffset the first offset read, for messages about the batch
 */
record SourceBatch(
    int source,
    PartitionStage stage,
    List<StageMessage> messages,
    Map<Integer, SourceRecord> lateRecords,
    long records,
    List<RejectedRecord> rejected,
    long firstOffset)
    implements Serializable {}
