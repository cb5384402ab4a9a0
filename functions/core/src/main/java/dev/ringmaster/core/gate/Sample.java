package dev.ringmaster.core.gate;

import java.time.Instant;

/**
 * One tick's observation of one metric, taken at {@code at}. {@code canary} null means the source gave no
 * data for this tick (an outage): the engine treats it as missing, never as zero. {@code baseline} is null
 * when the source has no baseline.
 */
public record Sample(Instant at, Measure canary, Measure baseline) {
}
