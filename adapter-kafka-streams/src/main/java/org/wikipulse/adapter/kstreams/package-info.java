/**
 * The analysis on Kafka Streams ({@link org.wikipulse.adapter.kstreams.KafkaStreamsRuntime}, name
 * {@code kafka-streams}).
 *
 * <h2>Why not the textbook topology</h2>
 *
 * The textbook DSL ({@code groupBy} + {@code windowedBy(TimeWindows...)} + {@code count}) counts in
 * the task of a repartition topic whose stream time is the maximum over everything it has read, so
 * the fastest upstream partition sets the time and the on-time records of slower partitions become
 * "late" (BENCHMARKS.md has how many counts survived on a 4-partition backlog). The domain's rule
 * (see {@link org.wikipulse.domain.ReferenceAnalysis}) is the opposite: the pipeline watermark is
 * the minimum over partitions of (max event time in that partition - lateness), so a record that is
 * on time in its own partition is never dropped, whatever order the partitions are read in.
 *
 * <h2>The design: two stages</h2>
 *
 * <p>{@link org.wikipulse.adapter.kstreams.AnalysisTopology#buildTopology} is a pure function of a
 * {@link org.wikipulse.adapter.kstreams.TopologyConfig}; the runtime and {@code
 * KafkaStreamsPipeline} do the wiring and lifecycle.
 *
 * <ol>
 *   <li><b>Partition tasks</b> ({@code PartitionAggregator}, one task per input partition). A
 *       <em>source</em> is one input topic partition ({@code SourceLayout} numbers them, so that a
 *       TopologyTestDriver test can use n one-partition topics for one n-partition topic). Each
 *       record is decoded with a per-task decoder; what cannot be decoded goes to the dead-letter
 *       topic with its key, value and headers plus the reason headers of {@link
 *       org.wikipulse.ports.DeadLetterHeaders}. For each decoded event the task keeps the source's
 *       own watermark (max event time - lateness). A counted event adds one, in a local
 *       pre-aggregate keyed by (source, window), to each of its windows whose end is after the
 *       source's own watermark; its windows that are already closed in the source go to the merger
 *       as a <em>late candidate</em>, since only the pipeline watermark (which may be far behind)
 *       decides whether they are late. When the source's watermark moves into another slide (window
 *       ends are multiples of the slide, so nothing finer matters) the task sends the counts of the
 *       windows it has closed, then the new watermark. Traffic to the merger is therefore a few
 *       messages per source per slide of event time, plus one per late event, whatever the input
 *       rate.
 *   <li><b>The merger</b> ({@code WindowMerger}, one task, fed through a single-partition
 *       repartition topic). It keeps every source's watermark and idleness and forms the pipeline
 *       watermark as the reference does (minimum over sources that are not idle; the maximum over
 *       all when every source is idle; never moving back). It sums the partial counts of windows
 *       still open in the pipeline, decides late candidates against the pipeline watermark, and
 *       writes each (window, actor) row once, when the pipeline watermark reaches the window's end.
 * </ol>
 *
 * <p><b>Why the answers equal the reference's.</b> A partial count for window W from source s is
 * sent before s reports a watermark at or past W's end, so while it is in flight the merger knows
 * wm(s) &lt; end(W); if s is not idle the pipeline watermark is at most that, and the merger
 * accepts it, exactly as the reference accepts an event that is on time in its partition. The
 * merger only compares watermarks with window ends, which are multiples of the slide, so knowing a
 * source's watermark to within its slide changes no decision. Counted and dropped-late are decided
 * by the merger: a partial count carries how many of its events have that window as their newest,
 * and an event is counted exactly when its newest window is accepted (older windows close first).
 *
 * <h2>Idle sources</h2>
 *
 * A source that has not had data for {@code idleTimeout} of wall-clock time (checked by a
 * wall-clock punctuator in its task, which also fires for a task that never had data; the clock of
 * a source without data starts at the task's first check) first hands all its open partial counts
 * to the merger and then reports itself idle: the merger stops waiting for it, and windows the
 * other sources close are written complete. Its next record makes it active again; that record's
 * windows may by then be closed in the pipeline, and it is then dropped as late (counted when the
 * source hands over that window's count, at the latest when it goes idle again). When every source
 * is idle, the furthest one sets the watermark, so a quiet input still closes its windows. A source
 * that has no data and is not yet idle holds every window back: that is the rule, and the idle
 * timeout bounds the wait.
 *
 * <h2>Late events as dead letters</h2>
 *
 * With {@link org.wikipulse.ports.LateEvents#DEAD_LETTER} a late candidate carries its input
 * record's key and value, and its message to the merger carries the record's headers, its source
 * offset and its event time; when the merger drops it, it writes the record to the dead-letter
 * topic (a second sink of the merger) with reason {@code LATE} and the pipeline watermark it
 * missed, in the same transaction as the merger's state. One case stays counted only: an event of a
 * source that comes back from idle into windows the pipeline closed meanwhile is already summed in
 * its partition task's partial count when the merger drops it, so it is counted as dropped-late and
 * logged, not dead-lettered.
 *
 * <h2>State, restarts and guarantees</h2>
 *
 * Both stages keep their state (source watermarks, idleness, open counts) in in-memory key-value
 * stores with changelog topics and caching, mirrored in plain maps for speed; the state is small
 * (open windows only) and is restored from the changelogs on restart. The default processing
 * guarantee is {@code exactly_once_v2}: a partition task's state, its messages to the merger and
 * its input offsets commit together, and so do the merger's state and its output, so a restart
 * (same application id) neither loses nor repeats a window. The same holds when the broker is away
 * for longer than the transaction timeout: the coordinator aborts the stream threads' open
 * transactions, the threads are fenced and rejoin (or, when a commit times out first, their tasks
 * are closed dirty and revived in place), and each task goes on from its last commit ({@code
 * BrokerRestartTest}). With {@code at_least_once} (overridable through the engine properties) a
 * crash can count a partial twice.
 *
 * <p>The progress counters ({@link org.wikipulse.adapter.kstreams.StreamsTelemetry}: records in,
 * counted, dropped late, dead-lettered, also by reason, windows out, and the per-task Kafka Streams
 * metrics of group {@code wikipulse-metrics}) are per process and start at zero with each start;
 * counted and dropped-late grow when the merger decides, that is when windows close. Under
 * exactly-once they count what is committed: a stream thread's tasks count into a buffer of the
 * thread, published when the thread's producer commits its transaction and dropped when it aborts,
 * is fenced, or a task closes without a commit, because Kafka Streams then processes those records
 * again from the last commit (a broker outage that outlasts the transaction timeout does this). The
 * runtime supplies the producers ({@code CommitReportingClientSupplier}) to hear the outcome; under
 * exactly_once_v2 each stream thread has one producer and calls it itself, so the outcome and the
 * counts meet on the thread. The deprecated {@code exactly_once}, a producer per task, is refused.
 * Under {@code at_least_once} the counters grow as records are processed, and a record processed
 * again is counted again, as its output is written again. The gauges (each partition's newest event
 * time, the pipeline watermark) and the close-to-output timings show what was processed, committed
 * or not.
 *
 * <h2>Latency, throughput and stalls</h2>
 *
 * A row appears about one commit interval after its close condition (100 ms here, against Kafka
 * Streams' 30 s): under exactly-once the merger reads only committed messages and the output is
 * visible only after the commit.
 *
 * <p>In the textbook topology every record crosses the repartition topic. Here only a few messages
 * per source and slide cross it, and the partition tasks do the work where the data is read; the
 * runtime starts one stream thread per core, up to the number of input partitions, since more
 * threads measured faster. Kafka Streams' fetch and linger defaults stay: lowering them made no
 * difference beyond the noise.
 *
 * <p>Kafka Streams' consumers do not leave their group on close, so a restarted instance waited out
 * the session timeout before it got its partitions back; the runtime makes them leave
 * (overridable).
 *
 * <p>The measured figures (latency, records per second by thread count and guarantee, the profile,
 * the restart times) are in BENCHMARKS.md, "Kafka Streams runtime: latency, throughput and stalls",
 * with the probe that measured them ({@code bench/pipelines}, {@code KafkaStreamsProbe}).
 *
 * <h2>Topics</h2>
 *
 * The runtime reads the input's partition count at start (the merger needs it) and creates the
 * output topic (compacted: one key per window and actor) and the dead-letter topic if they are
 * missing. Output rows carry the wall-clock time of writing as their Kafka timestamp, since the
 * event time of a replayed backlog would meet a topic's time retention; dead letters keep their
 * original timestamp.
 *
 * <h2>Bad input and registry outages</h2>
 *
 * A record the decoder rejects goes to the dead-letter topic and the stream goes on. A registry
 * that cannot be reached is not a bad record: the registry client retries within its budget ({@code
 * RegistrySettings.retryBudget}, 5 s by default; the runtime refuses to start with a budget that is
 * not below the transaction timeout, which a waiting decode holds open), then the exception
 * replaces the stream thread, which resumes from the last commit and tries again; nothing is
 * dead-lettered for it.
 */
package org.wikipulse.adapter.kstreams;
