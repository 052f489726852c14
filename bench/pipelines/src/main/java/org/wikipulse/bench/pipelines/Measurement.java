package org.wikipulse.bench.pipelines;

/**
 * What one contestant did.
 *
 * @param contestant who
 * @param readAll whether it reported reading the whole backlog
 * @param eventsPerSecond backlog records over the time from JVM launch until it had read them all
 *     and written its last backlog row
 * @param eventsPerSecondAfterFirstRead the same, timed from its first reported read instead
 * @param firstOutputSeconds from JVM launch to the broker's append of its first row
 * @param delayP50Ms median close-to-output delay over the live-tail rows, or NaN
 * @param delayP99Ms 99th percentile of the same, or NaN
 * @param delaySamples how many live-tail rows the delay is taken over
 * @param batchP50Ms median Spark micro-batch duration, NaN for other engines
 * @param batchMaxMs longest Spark micro-batch, NaN for other engines
 * @param batches how many Spark micro-batches ran
 * @param peakRssMb VmHWM
 * @param cpuSeconds user plus system
 * @param rowsExpected rows the reference emitted
 * @param rowsDiffering (window, actor) rows missing, extra, or with another count
 * @param duplicateRows rows written more than once
 * @param eventsLost counted events missing from its backlog windows (missing window counts / 2)
 */
record Measurement(
    Contestant contestant,
    boolean readAll,
    double eventsPerSecond,
    double eventsPerSecondAfterFirstRead,
    double firstOutputSeconds,
    double delayP50Ms,
    double delayP99Ms,
    int delaySamples,
    double batchP50Ms,
    double batchMaxMs,
    int batches,
    double peakRssMb,
    double cpuSeconds,
    int rowsExpected,
    int rowsDiffering,
    int duplicateRows,
    long eventsLost) {}
