package dev.ringmaster.bench.peers;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Flagger's canary analysis (PEERS.md "Flagger", lines 23-30).
 *
 * <p>Every {@code intervalTicks} ticks the scheduler first rolls back if {@code failedChecks ≥ threshold}
 * (line 25), then runs the metric checks: one metric outside its range, or with no values, adds one failed
 * check (lines 27, 30). So the rollback comes at the check after the one that reached the threshold, as in
 * the scheduler. A relative bound is a custom query {@code canary / primary} with {@code max} (or
 * {@code min}) r. {@code threshold} ≤ 0 becomes 1 (line 23); the default 5 is the value of Flagger's own
 * examples, Flagger has no default.
 *
 * <p>failedChecks is cumulative and resets only on a new revision (line 29), so in Flagger it spans the
 * whole progression. The harness asks for a fresh judge per phase, so by default the count is per phase:
 * the conservative reading (fewer rollbacks than Flagger). With {@code acrossPhases} the count is carried
 * from phase to phase of one run; see {@link FailedChecks} for how a run is recognised.
 */
public final class FlaggerPolicy implements Policy {
    private final int intervalTicks;
    private final int threshold;
    private final boolean acrossPhases;
    private final ThreadLocal<FailedChecks> runs = new ThreadLocal<>();

    /** A check per bench tick, rollback at 5 failed checks, counted per phase. */
    public FlaggerPolicy() {
        this(1, 5, false);
    }

    public FlaggerPolicy(int intervalTicks, int threshold, boolean acrossPhases) {
        this.intervalTicks = intervalTicks;
        this.threshold = Math.max(1, threshold);
        this.acrossPhases = acrossPhases;
    }

    @Override
    public String name() {
        return "flagger";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        IntervalReadings intervals = new IntervalReadings(metrics, intervalTicks);
        FailedChecks failedChecks = acrossPhases ? FailedChecks.forPhase(runs, phaseStart) : new FailedChecks(phaseStart);
        return (at, samples) -> intervals.onTick(samples).map(readings -> {
            if (failedChecks.count >= threshold) {
                return PhaseJudge.Call.FAIL;
            }
            if (readings.values().stream().anyMatch(r -> r != IntervalReadings.Reading.WITHIN)) {
                failedChecks.count++;
            }
            return PhaseJudge.Call.PASS;
        }).orElse(PhaseJudge.Call.PASS);
    }
}
