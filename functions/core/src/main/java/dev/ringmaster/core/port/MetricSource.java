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

    /** The source could not be read at all (timeout, 5xx, auth): counts towards the circuit breaker. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
