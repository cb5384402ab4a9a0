package dev.ringmaster.bench.policy;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import dev.ringmaster.core.gate.Criterion;
import dev.ringmaster.core.gate.GateEngine;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The production policy: the same {@link GateEngine} evaluate-gates calls, each metric a gate over the data
 * since the phase began, its share of the plan's falseHaltRate as α. Any FAIL halts; all PASS may advance;
 * otherwise hold for evidence.
 */
public final class RingmasterPolicy implements Policy {
    private final GateEngine engine = new GateEngine();

    @Override
    public String name() {
        return "ringmaster";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        Map<String, List<Sample>> seen = new HashMap<>();
        metrics.forEach(m -> seen.put(m.name(), new ArrayList<>()));
        return (at, samples) -> {
            Thresholds t = new Thresholds(alphaFail, Plan.DEFAULT_FALSE_ADVANCE_RATE, at, phaseStart, false);
            Outcome worst = Outcome.PASS;
            for (BenchMetric m : metrics) {
                Sample s = samples.get(m.name());
                if (s != null) {
                    seen.get(m.name()).add(s);
                }
                Criterion gate = new Criterion(m.name(), m.bound(), null, null, null);
                worst = Outcome.worst(worst, engine.judge(gate, m.kind(), new MetricSeries(m.name(), seen.get(m.name()), false), t).outcome());
            }
            return switch (worst) {
                case FAIL -> PhaseJudge.Call.FAIL;
                case PASS -> PhaseJudge.Call.PASS;
                case INCONCLUSIVE -> PhaseJudge.Call.HOLD;
            };
        };
    }
}
