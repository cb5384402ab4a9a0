package dev.ringmaster.bench.policy;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Seed 002's health-gate script run every tick: halt at the first tick whose point estimate breaks a bound. */
public final class NaivePolicy implements Policy {
    @Override
    public String name() {
        return "naive";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        return (at, samples) -> metrics.stream().anyMatch(m -> PointBreach.breached(m, samples.get(m.name())))
                ? PhaseJudge.Call.FAIL : PhaseJudge.Call.PASS;
    }
}
