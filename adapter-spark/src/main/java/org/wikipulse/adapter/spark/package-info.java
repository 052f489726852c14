/**
 * The analysis as a Spark Structured Streaming query: {@link
 * org.wikipulse.adapter.spark.SparkRuntime}, chosen by the name {@code spark}.
 *
 * <p>{@code EditCountQuery} is the pure transform (Kafka source rows in, Kafka sink rows out);
 * {@code SparkRuntime} only wires it between the Kafka source and sink. Records are decoded on the
 * executors by the registry adapter's decoder, one per partition, each with its own writer schema;
 * the domain's rules ({@code EditRules}) are applied there, so no Catalyst expression restates
 * them. Windows are Spark's {@code window(size, slide)}, epoch-aligned and half-open like {@code
 * WindowSpec}; the output key and value are Catalyst expressions equal to the ports' definitions.
 *
 * <h2>Where Spark cannot follow the reference semantics</h2>
 *
 * <ul>
 *   <li><b>Per-partition watermarks.</b> Spark's watermark is the <em>maximum</em> event time seen
 *       across all input partitions, minus the lateness; the reference's is the <em>minimum</em>
 *       over partitions of each partition's maximum. A partition that lags behind the others (a
 *       backlog read unevenly, a slow producer) has events that are on time in their own partition
 *       dropped by Spark once a batch has carried a faster partition's later events (SEMANTICS
 *       example 2). Spark has no per-source-partition watermark.
 *   <li><b>Watermark granularity.</b> Spark moves the watermark only between micro-batches: an
 *       event is late only relative to events of earlier batches. Events the reference drops
 *       because a <em>preceding record of the same batch</em> moved the watermark are counted by
 *       Spark. Rows are written in the (no-data) batch after the one that moves the watermark,
 *       never in the middle of one.
 *   <li><b>Idle partitions.</b> Spark has no idleness: the spec's {@code idleTimeout} is not used.
 *       Since the maximum already ignores silent partitions, Spark behaves as if every partition
 *       were idle all the time (SEMANTICS example 3 gives the same answer; example 2 does not).
 *   <li><b>Flush.</b> A streaming query has no end-of-input flush: open windows are written only
 *       when event time passes them, never on stop (state survives in the checkpoint instead).
 *   <li><b>Counters.</b> {@code droppedLate} and {@code counted} are not the reference's per-event
 *       counts; see {@code ProgressCounters}.
 *   <li><b>Delivery.</b> Spark's Kafka sink is at-least-once: a micro-batch cut short by a stop or
 *       a failure runs again on restart and may write some of its rows and dead letters twice.
 *       Output keys are one per (window, actor) with the same final value, so the compacted output
 *       topic's keyed view is exact; dead letters are identified by their source offset headers.
 * </ul>
 *
 * <p>In short, Spark answers as the reference does with all input partitions taken as one and the
 * watermark moved per micro-batch rather than per record ({@code SemanticGapTest} shows both).
 *
 * <p>Two Spark defaults would widen the gap and are overridden ({@code QuerySessionConf}): a filter
 * that does not reference the event-time column is pushed below {@code withWatermark} by the
 * optimizer (then non-edits and canaries would not advance event time), and with multiple stateful
 * operators allowed, late events are judged by the previous batch's watermark.
 *
 * <h2>One scan, dead letters from the decoding tasks</h2>
 *
 * Each micro-batch reads and decodes its records once ({@code DecodeEvents}). A record that does
 * not decode is sent to the dead-letter topic by the task that decoded it ({@code
 * KafkaDeadLetterSink}), which waits for the broker's acknowledgement of all its dead letters
 * before it completes and fails otherwise; the batch commits only after its tasks complete, so a
 * dead letter is written by the batch that read its record, at least once, like the counts. An
 * earlier design made the dead letters a second branch of the plan, unioned with the aggregate into
 * one Kafka sink: a streaming plan cannot share one decoded subplan between two outputs, so both
 * branches scanned and decoded every record, which halved throughput and doubled the length of
 * small batches (see BENCHMARKS.md for the before and after).
 *
 * <p>The decoding step also combines the events of a partition that share an event time, counting
 * and actor into one row with their number; the aggregate sums them. Watermark, lateness and window
 * assignment depend on nothing else, so the answer is the same with far fewer rows.
 *
 * <p>Spark's Kafka consumers wait {@code fetch.max.wait.ms} (Kafka's default 500 ms) at the end of
 * a partition; the runtime lowers it to 10 ms, since a pooled consumer's waiting fetch otherwise
 * delays the next micro-batch by up to that much.
 *
 * <p>Decoding goes through the registry adapter's decoder in {@code mapPartitions} rather than
 * {@code from_avro} per known schema id: {@code from_avro} needs every writer schema when the plan
 * is built, so an id first seen mid-stream would need a restart, and it offers no typed rejection
 * per record (PERMISSIVE mode turns failures into null rows).
 */
package org.wikipulse.adapter.spark;
