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
 * Seed 004's halt rules with Prometheus {@code for} semantics: a metric fails once its point estimate has
 * broken the bound on every tick for the rule's {@code for} (15 minutes: the breach must be seen at the
 * start and the end of the span, so for/tick + 1 consecutive ticks).
 */
public final class SustainedPolicy implements Policy {
    @Override
    public String name() {
        return "sustained";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        Map<String, Integer> run = new HashMap<>();
        return (at, samples) -> {
            boolean fail = false;
            for (BenchMetric m : metrics) {
                int streak = PointBreach.breached(m, samples.get(m.name())) ? run.getOrDefault(m.name(), 0) + 1 : 0;
                run.put(m.name(), streak);
                long needed = m.sustain().toSeconds() / tick.toSeconds() + 1;
                fail |= streak >= needed;
            }
            return fail ? PhaseJudge.Call.FAIL : PhaseJudge.Call.PASS;
        };
    }
}
