package dev.ringmaster.adapters.baseline;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.port.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Where a query source (prometheus, cloudwatch) takes the baseline of relative bounds (CONTRACTS.md §1.3): a query
 * that names {@code $version} compares with the previous version over the same window; one that does not compares
 * with itself over the same length of time just before the rollout started.
 */
public sealed interface Baseline {

    /** Nothing to compare with: no previous version, or no start time. Relative bounds are then inconclusive. */
    record None() implements Baseline {
    }

    /** The same window, {@code $version} replaced by the version this rollout replaces. */
    record Version(String version) implements Baseline {
    }

    /**
     * The same query {@code shift} earlier: a whole number of steps, the fewest that put the canary window's end at or
     * before the rollout's start, so each baseline step lines up with a canary step (pairs go index by index).
     */
    record Earlier(Duration shift) implements Baseline {
    }

    static Baseline of(boolean versioned, Release release, Instant to, Duration step) {
        if (versioned) {
            return release.previousVersion() == null ? new None() : new Version(release.previousVersion());
        }
        Instant started = release.startedAt();
        if (started == null || !to.isAfter(started)) {
            return new None();
        }
        long after = Duration.between(started, to).toMillis();
        long steps = (after + step.toMillis() - 1) / step.toMillis();
        return new Earlier(step.multipliedBy(steps));
    }

    /** How far the baseline's steps lie before the canary's (zero for a version baseline). */
    default Duration shift() {
        return Duration.ZERO;
    }

    /**
     * One sample per step the canary has data for, oldest first; its baseline is the baseline's step {@link #shift()}
     * earlier, or null where the baseline has none. A step without canary data is left out: no data, never zero.
     */
    static List<Sample> pair(SortedMap<Instant, Measure> canary, Map<Instant, Measure> baseline, Duration shift) {
        List<Sample> out = new ArrayList<>(canary.size());
        canary.forEach((at, measure) -> out.add(new Sample(at, measure, baseline.get(at.minus(shift)))));
        return out;
    }
}
