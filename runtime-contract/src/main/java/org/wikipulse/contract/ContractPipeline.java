package org.wikipulse.contract;

import java.time.Duration;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.SchemaRegistry;
import org.wikipulse.ports.WireCodecs;

/**
 * What a harness starts for one case: a fresh pipeline with its own name and registry.
 *
 * @param applicationId unique per case: names the pipeline's state
 * @param windows the window spec under test
 * @param partitions how many input partitions the case feeds
 * @param idleTimeout the wall-clock silence after which a partition is idle
 * @param codecs the wire codecs bound to the case's registry
 * @param registry the case's registry, for decoding the output
 * @param lateEvents whether late events are only counted or also dead-lettered
 */
public record ContractPipeline(
    String applicationId,
    WindowSpec windows,
    int partitions,
    Duration idleTimeout,
    WireCodecs codecs,
    SchemaRegistry registry,
    LateEvents lateEvents) {}
