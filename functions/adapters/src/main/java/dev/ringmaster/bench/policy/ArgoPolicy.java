package dev.ringmaster.bench.policy;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo Rollouts analysis (PEERS.md "Argo Rollouts"): a measurement per metric every interval (one tick),
 * Successful when the tick's value meets the bound and Failed when it breaks it; a metric fails when its
 * failed measurements exceed {@code failureLimit} (default 0: the first failure aborts). No data is an
 * Error, which does not count as a measurement; more than {@code consecutiveErrorLimit} (default 4)
 * errors in a row abort too. With a single bound there is no Inconclusive measurement.
 */
public final class ArgoPolicy implements Policy {
    private final int failureLimit;
    private final int consecutiveErrorLimit;

    public ArgoPolicy() {
        this(0, 4);
    }

    public ArgoPolicy(int failureLimit, int consecutiveErrorLimit) {
        this.failureLimit = failureLimit;
        this.consecutiveErrorLimit = consecutiveErrorLimit;
    }

    @Override
    public String name() {
        return "argo";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        Map<String, Integer> failed = new HashMap<>();
        Map<String, Integer> errors = new HashMap<>();
        return (at, samples) -> {
            for (BenchMetric m : metrics) {
                var s = samples.get(m.name());
                if (s == null || s.canary() == null) {
                    if (errors.merge(m.name(), 1, Integer::sum) > consecutiveErrorLimit) {
                        return PhaseJudge.Call.FAIL;
                    }
                    continue;
                }
                errors.put(m.name(), 0);
                if (PointBreach.breached(m, s) && failed.merge(m.name(), 1, Integer::sum) > failureLimit) {
                    return PhaseJudge.Call.FAIL;
                }
            }
            return PhaseJudge.Call.PASS;
        };
    }
}
