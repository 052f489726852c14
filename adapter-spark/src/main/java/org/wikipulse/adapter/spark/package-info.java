/**
 * The analysis as a Spark Structured Streaming query: {@link
 * org.wikipulse.adapter.spark.SparkRuntime}, chosen by the name {@code spark}. It answers exactly
 * as the reference ({@link org.wikipulse.domain.ReferenceAnalysis}) on every contract case, and its
 * output is exactly-once for {@code read_committed} readers.
 *
 * <h2>Why not Spark's windowed aggregation</h2>
 *
 * Spark's watermark ({@code withWatermark}) is the <em>maximum</em> event time over all input
 * partitions minus the lateness, moved only between micro-batches, with no idleness: a partition
 * behind the others (a replay, an uneven producer, a consumer catching up) has its on-time records
 * dropped, a record late behind an earlier one of its own batch is counted, and late drops are
 * counted per (window, actor) row after the explode. The reference's watermark is the minimum over
 * partitions that are not idle, record by record. No Spark operator offers that, so the query uses
 * none of Spark's event-time machinery: it runs the domain's two-stage form of the reference
 * ({@link org.wikipulse.domain.PartitionStage} per input partition, one {@link
 * org.wikipulse.domain.MergeStage}) in {@code foreachBatch}, the rules themselves being the
 * domain's ({@link org.wikipulse.domain.Watermarks}, {@link
 * org.wikipulse.domain.PipelineWatermark}).
 *
 * <h2>One micro-batch</h2>
 *
 * <ol>
 *   <li><b>On the executors</b> ({@code SourceTask}, in {@code mapPartitions}): Spark's Kafka
 *       source gives each task one input partition's offset range, read in offset order (one task
 *       per Kafka partition unless {@code minPartitions} is set, which the runtime never does; a
 *       partition read by two tasks of a batch fails the batch). The task decodes each record once
 *       with its writer schema, notes the offset and reason of each that does not decode ({@code
 *       RejectedRecord}, never its bytes), and drives the partition's {@code PartitionStage} record
 *       by record: its own watermark, pre-aggregated counts of the windows open in it, and a few
 *       messages per slide of event time for the merge. The driver hands each partition's stage in
 *       with the task (it is small: open windows only) and takes the new one back with the task's
 *       result, so there is no shuffle and no state store.
 *   <li><b>On the driver</b> ({@code BatchMerge}): first, partitions without a record for {@code
 *       idleTimeout} of processing time (the clock of each micro-batch's start; silence is measured
 *       from the first batch after a start) hand their counts over and stop holding the watermark
 *       back; then the merge takes each partition's messages in order: pipeline watermark,
 *       lateness, closing windows, exact counters. The rows are encoded by the ports' encoder.
 *   <li><b>One transaction</b> ({@code TransactionalKafkaOutput}): the batch's rows, its dead
 *       letters (the undecodable records, read back from the input by offset and copied as they
 *       come by {@code InputRecordReader}, then the late events) and the pipeline state (the batch
 *       id, every partition's stage, the merge) are written in one Kafka transaction, the state to
 *       the compacted topic {@code <applicationId>-spark-state}, under a transactional id derived
 *       from the checkpoint location. A batch Spark runs again after a crash between that commit
 *       and its own commit log has an id not after the committed one, and is skipped, tasks and
 *       all; a restarted driver fences its predecessor (aborting its open transaction) and resumes
 *       from the committed state.
 * </ol>
 *
 * <p>Why the answers equal the reference's: the two stages equal the record-at-a-time reference
 * whatever order the partitions' messages are merged in, as long as each partition's messages are
 * merged in their own order (see {@code PartitionStage}); the watermark moves record by record in
 * each partition's stage, so a record late behind an earlier one of its batch is dropped.
 *
 * <h2>Delivery</h2>
 *
 * Output rows and dead letters, of undecodable records and of late events: exactly once for {@code
 * read_committed} readers, since the driver writes them all in the batch's transaction. The tasks
 * hand the driver only where each undecodable record is and why; the driver reads the records back
 * from the input inside the transaction, one fetch at a time, so a topic of garbage flows through
 * the producer's bounded buffer, not through the task results. What is left in the driver per batch
 * is under 1 KB per undecodable record, bounded by {@code maxOffsetsPerTrigger} (default 200,000).
 * The cost is one extra read of the undecodable records, by offset, from the driver.
 *
 * <h2>What is not the reference's</h2>
 *
 * <ul>
 *   <li><b>Flush.</b> A streaming query has no end-of-input flush: open windows are written when
 *       event time passes them, never on stop (they survive in the committed state instead).
 *   <li><b>A wholly quiet input.</b> Spark runs no micro-batch without new data, so idleness is
 *       judged when the next record arrives: a quiet input's last windows are written then.
 *   <li><b>Late events of an idle partition.</b> A partition back from idle whose events fall in
 *       windows the pipeline has closed hands them over pre-aggregated: they are counted as
 *       dropped-late but, with {@code late-events: dead-letter}, not dead-lettered one by one (the
 *       Kafka Streams runtime does the same).
 * </ul>
 *
 * <h2>Other choices</h2>
 *
 * <p>Decoding goes through the registry adapter's decoder rather than {@code from_avro} per known
 * schema id: {@code from_avro} needs every writer schema when the plan is built, so an id first
 * seen mid-stream would need a restart, and it offers no typed rejection per record.
 *
 * <p>Spark's Kafka consumers wait {@code fetch.max.wait.ms} (Kafka's default 500 ms) at the end of
 * a partition; the runtime lowers it to 10 ms, since a pooled consumer's waiting fetch otherwise
 * delays the next micro-batch by up to that much. The driver's reader of undecodable records gets
 * the same, since it moves from partition to partition within a batch.
 *
 * <h2>A start, or a restart after a crash</h2>
 *
 * Until its first batch commits, a restarted driver shows nothing, so what a start costs is spread
 * over threads that would otherwise wait on each other: the Spark context starts while the launcher
 * checks the brokers and the registry ({@link org.wikipulse.ports.AnalysisRuntime#prepare});
 * fencing the previous driver and reading the committed state run while the context and the query
 * start; and the tasks read Spark's internal rows, not {@code Row}s, whose conversion initialised
 * Scala's runtime reflection in the first tasks of each JVM (seconds that every task of the first
 * batch waited for).
 */
package org.wikipulse.adapter.spark;
