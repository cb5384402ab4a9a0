package dev.ringmaster.bench.policy;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Flagger's canary analysis (PEERS.md "Flagger"): a check every interval (one tick) against each metric's
 * threshold; a check fails when the value is outside the range or when there are no values. Failed checks
 * are cumulative, never reset within the analysis; at {@code threshold} failed checks (default 5, the
 * value of Flagger's own examples) the canary is rolled back. Counted per phase here, the conservative
 * reading for a multi-phase rollout.
 */
public final class FlaggerPolicy implements Policy {
    private final int threshold;

    public FlaggerPolicy() {
        this(5);
    }

    public FlaggerPolicy(int threshold) {
        this.threshold = Math.max(1, threshold);
    }

    @Override
    public String name() {
        return "flagger";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        int[] failedChecks = {0};
        return (at, samples) -> {
            // One analysis per interval: any failing metric (or one without values) fails the check once.
            boolean failed = metrics.stream().anyMatch(m -> {
                var s = samples.get(m.name());
                return s == null || s.canary() == null || PointBreach.breached(m, s);
            });
            if (failed) {
                failedChecks[0]++;
            }
            return failedChecks[0] >= threshold ? PhaseJudge.Call.FAIL : PhaseJudge.Call.PASS;
        };
    }
}
