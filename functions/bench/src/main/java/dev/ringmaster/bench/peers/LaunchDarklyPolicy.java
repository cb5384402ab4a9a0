package dev.ringmaster.bench.peers;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LaunchDarkly guarded rollouts (docs/benchmark-policies.md "launchdarkly"). Every {@code checkTicks} ticks
 * each metric's difference canary − baseline gets a sequential confidence interval; a regression is an
 * interval entirely on the worse side of the metric's regression threshold. The threshold is the plan's
 * margin: r − 1 on the relative difference for a relative bound, 0 on the absolute difference for an
 * absolute one (LaunchDarkly compares with the original variation only). On a regression LaunchDarkly
 * notifies and, with automatic rollback, reverts (FAIL); without it the rollout stays paused (HOLD to the
 * end of the phase). A step may not advance before {@code minContexts} canary sessions (HOLD meanwhile).
 *
 * <p>LaunchDarkly does not publish its interval's formula, level or check schedule: the judge uses the
 * two-sided normal-mixture confidence sequence ({@link SequentialCs}) at 95 % with N* 5000 and checks every
 * tick, and runs one test across the phases of a run ({@link RunCarry}) unless {@code acrossPhases} is off.
 */
public final class LaunchDarklyPolicy implements Policy {
    private final double alpha;
    private final double rho;
    private final long minContexts;
    private final int checkTicks;
    private final boolean rollback;
    private final boolean acrossPhases;
    private final RunCarry<Map<String, ArmTotals>> runs = new RunCarry<>(HashMap::new);

    /** 95 % two-sided sequence, N* 5000, 1,000 sessions per step, a check every tick, automatic rollback. */
    public LaunchDarklyPolicy() {
        this(0.05, 5000, 1000, 1, true, true);
    }

    public LaunchDarklyPolicy(double alpha, double tuning, long minContexts, int checkTicks, boolean rollback, boolean acrossPhases) {
        if (checkTicks < 1) {
            throw new IllegalArgumentException("checkTicks must be at least one tick: " + checkTicks);
        }
        if (minContexts < 0) {
            throw new IllegalArgumentException("minContexts must not be negative: " + minContexts);
        }
        this.alpha = alpha;
        this.rho = SequentialCs.rho(alpha, tuning, true);
        this.minContexts = minContexts;
        this.checkTicks = checkTicks;
        this.rollback = rollback;
        this.acrossPhases = acrossPhases;
    }

    @Override
    public String name() {
        return "launchdarkly";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        Map<String, ArmTotals> totals = acrossPhases ? runs.forPhase(phaseStart) : new HashMap<>();
        // Only rate metrics count sessions; a plan of gauges alone has no count to hold the step on.
        long minimum = metrics.stream().anyMatch(m -> m.kind() == MetricKind.RATE) ? minContexts : 0;
        long[] stepSessions = {0};
        int[] ticks = {0};
        boolean[] paused = {false};
        return (at, samples) -> {
            long tickSessions = 0;
            for (BenchMetric m : metrics) {
                Sample s = samples.get(m.name());
                totals.computeIfAbsent(m.name(), k -> new ArmTotals()).add(s);
                if (s != null && s.canary() instanceof Measure.Counts c) {
                    tickSessions = Math.max(tickSessions, c.total());
                }
            }
            stepSessions[0] += tickSessions;
            if (++ticks[0] % checkTicks == 0 && !paused[0]) {
                for (BenchMetric m : metrics) {
                    paused[0] |= regressed(m, totals.get(m.name()));
                }
                if (paused[0] && rollback) {
                    return PhaseJudge.Call.FAIL;
                }
            }
            return paused[0] || stepSessions[0] < minimum ? PhaseJudge.Call.HOLD : PhaseJudge.Call.PASS;
        };
    }

    private boolean regressed(BenchMetric m, ArmTotals t) {
        boolean relative = m.bound().relative();
        ArmTotals.Difference d = relative ? t.relative() : t.absolute();
        if (d == null) {
            return false;
        }
        double threshold = relative ? m.bound().value() - 1 : 0;
        double halfwidth = SequentialCs.halfwidth(d.variance(), t.units(), rho, alpha, true);
        return m.bound().upper() ? d.estimate() - halfwidth > threshold : d.estimate() + halfwidth < threshold;
    }
}
