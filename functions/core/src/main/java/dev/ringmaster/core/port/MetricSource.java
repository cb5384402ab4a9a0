package dev.ringmaster.core.port;

import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import java.time.Instant;
import java.util.List;

/**
 * Reads one metric of a rollout's canary (and its baseline where the source has one) as per-tick samples
 * in {@code (from, to]}. A tick the source has no data for is absent or has a null canary: never zero.
 */
public interface MetricSource {

    List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to);

    /**
     * Reads with everything a live source needs to find the canary and its baseline; sources that need no more than
     * the rollout and version (the simulator's, {@code static}) keep the shorter form.
     */
    default List<Sample> read(MetricDef metric, Release release, Instant from, Instant to) {
        return read(metric, release.rolloutId(), release.version(), from, to);
    }

    /**
     * The source answered, but its newest data is older than the source allows (Play vitals lag by hours): the
     * metric has no data this tick, never old data taken as current, and this is not an error of the source.
     */
    final class Stale extends RuntimeException {
        public Stale(String message) {
            super(message);
        }
    }

    /** The source could not be read at all (timeout, 5xx, auth): counts towards the circuit breaker. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
