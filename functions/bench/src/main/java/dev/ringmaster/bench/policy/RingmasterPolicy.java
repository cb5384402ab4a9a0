package dev.ringmaster.bench.policy;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.BenchSuite;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import dev.ringmaster.core.gate.Criterion;
import dev.ringmaster.core.gate.GateTracker;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The production policy: the gate engine's verdict on each metric as a gate over the data since the phase began
 * (cumulative test and change detector), its share of the plan's falseHaltRate as α, kept by {@link GateTracker}
 * tick by tick (it equals {@code GateEngine.judge} on the series so far). Any FAIL halts; all PASS may advance;
 * otherwise hold for evidence.
 */
public final class RingmasterPolicy implements Policy {
    private final Duration horizon;

    /** The benchmark plan's phases: their horizon is maxSoak. */
    public RingmasterPolicy() {
        this(BenchSuite.MAX_SOAK);
    }

    /** @param horizon how long a phase is expected to last, over which windows and the change detector spend α */
    public RingmasterPolicy(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public String name() {
        return "ringmaster";
    }

    @Override
    public boolean readsMargins() {
        return true;
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        Thresholds t = new Thresholds(alphaFail, Plan.DEFAULT_FALSE_ADVANCE_RATE, phaseStart, phaseStart, false, horizon);
        GateTracker[] trackers = metrics.stream()
                .map(m -> new GateTracker(new Criterion(m.name(), m.bound(), null, m.margin(), null), m.kind(), t))
                .toArray(GateTracker[]::new);
        return (at, samples) -> {
            Outcome worst = Outcome.PASS;
            for (int i = 0; i < trackers.length; i++) {
                Sample s = samples.get(metrics.get(i).name());
                Outcome o = s == null ? trackers[i].outcome() : trackers[i].add(s);
                worst = Outcome.worst(worst, o);
            }
            return switch (worst) {
                case FAIL -> PhaseJudge.Call.FAIL;
                case PASS -> PhaseJudge.Call.PASS;
                case INCONCLUSIVE -> PhaseJudge.Call.HOLD;
            };
        };
    }
}
