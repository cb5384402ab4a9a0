package dev.ringmaster.bench.validity;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.SparseFixture;
import dev.ringmaster.bench.peers.KayentaPolicy;
import dev.ringmaster.core.gate.Criterion;
import dev.ringmaster.core.gate.GateEngine;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.gate.Verdict;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * spinnaker/spinnaker#6278 as a scenario: ten ticks of a canary at 100 seven times and 1 three times against a
 * control of 1s, judged once by Kayenta (the issue's allowed increase 1.05, one judgement over the ten values)
 * and by ringmaster's gauge test against 1.05 × the control at the benchmark plan's α per gate.
 */
public final class SparseCheck {
    static final Bound ISSUE_BOUND = new Bound(Bound.Type.MAX_RELATIVE, 1.05);
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);

    private SparseCheck() {
    }

    /** @param kayenta Kayenta's answer after its one judgement; @param ringmaster the gate engine's verdict */
    public record Result(PhaseJudge.Call kayenta, Verdict ringmaster) {
    }

    public static Result run(double alphaFail) {
        BenchMetric metric = new BenchMetric("errors", MetricKind.GAUGE, ISSUE_BOUND, Duration.ZERO);
        PhaseJudge kayenta = new KayentaPolicy(SparseFixture.canary().length, 95, 75, false)
                .judge(List.of(metric), START, TICK, null, alphaFail);
        List<Sample> ticks = new ArrayList<>();
        PhaseJudge.Call call = PhaseJudge.Call.HOLD;
        for (int k = 0; k < SparseFixture.canary().length; k++) {
            Sample s = new Sample(START.plus(TICK.multipliedBy(k + 1)), new Measure.Value(SparseFixture.canary()[k]),
                    new Measure.Value(SparseFixture.control()[k]));
            ticks.add(s);
            call = kayenta.onTick(s.at(), Map.of(metric.name(), s));
        }
        Verdict v = new GateEngine().judge(new Criterion(metric.name(), ISSUE_BOUND, null, null, null), MetricKind.GAUGE,
                new MetricSeries(metric.name(), ticks, false),
                new Thresholds(alphaFail, 0.05, ticks.get(ticks.size() - 1).at(), START));
        return new Result(call, v);
    }
}
