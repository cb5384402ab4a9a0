package dev.ringmaster.bench.peers;

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
 * GrowthBook Safe Rollouts (docs/benchmark-policies.md "growthbook"): every plan metric is a guardrail, judged
 * by a one-sided sequential test of canary − baseline with the normal-mixture confidence sequence
 * ({@link SequentialCs}), α 0.05 and tuning N* 5000, as GrowthBook's safe-rollout analysis runs it
 * (absolute difference, one-sided intervals, sequential testing on).
 *
 * <p>A guardrail is lost, and the rollout rolled back (FAIL), when the sequence's bound on the bad side is
 * past the threshold: for a max bound, lower bound of canary − baseline &gt; 0; for a min bound, upper
 * bound &lt; 0. GrowthBook's threshold is always zero; with {@code planMargins} a relative bound r instead
 * tests the relative difference against r − 1. As in GrowthBook's getMetricResultStatus, a loss also needs
 * the larger side's Σ (bad sessions for rates) of at least 150 and a change of at least 0.5 % of the
 * baseline. An inconclusive result ships at the end of the step, so the judge answers PASS, except while a
 * metric has no data on a side yet: GrowthBook's no-traffic action holds the ramp (HOLD).
 *
 * <p>One safe rollout spans all ramp steps, so by default the totals run across the phases of a run
 * ({@link RunCarry}); without {@code acrossPhases} each phase starts a fresh test.
 */
public final class GrowthBookPolicy implements Policy {
    /** GrowthBook's metric defaults: minimumSampleSize 150, minPercentageChange 0.005. */
    static final double MINIMUM_SAMPLE_SIZE = 150;
    static final double MIN_PERCENT_CHANGE = 0.005;

    private final String name;
    private final double alpha;
    private final double rho;
    private final boolean planMargins;
    private final boolean acrossPhases;
    private final RunCarry<Map<String, ArmTotals>> runs = new RunCarry<>(HashMap::new);

    /** GrowthBook's defaults: α 0.05 (pValueThreshold), N* 5000, threshold 0, one test per rollout. */
    public GrowthBookPolicy() {
        this(0.05, 5000, false, true);
    }

    public GrowthBookPolicy(double alpha, double tuning, boolean planMargins, boolean acrossPhases) {
        this("growthbook", alpha, tuning, planMargins, acrossPhases);
    }

    /**
     * GrowthBook's test held to the plan instead of its defaults: the plan's 1 % split over its {@code guardrails}
     * (one test per guardrail runs through every phase) and the plan's relative bounds as thresholds. It tells
     * how much of the difference from ringmaster is the statistics and how much the budget.
     */
    public static GrowthBookPolicy atPlanBudget(double falseHaltRate, int guardrails) {
        return new GrowthBookPolicy("growthbook@plan", falseHaltRate / guardrails, 5000, true, true);
    }

    private GrowthBookPolicy(String name, double alpha, double tuning, boolean planMargins, boolean acrossPhases) {
        this.name = name;
        this.alpha = alpha;
        this.rho = SequentialCs.rho(alpha, tuning, false);
        this.planMargins = planMargins;
        this.acrossPhases = acrossPhases;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        Map<String, ArmTotals> totals = acrossPhases ? runs.forPhase(phaseStart) : new HashMap<>();
        return (at, samples) -> {
            boolean waiting = false;
            for (BenchMetric m : metrics) {
                ArmTotals t = totals.computeIfAbsent(m.name(), k -> new ArmTotals());
                t.add(samples.get(m.name()));
                if (lost(m, t)) {
                    return PhaseJudge.Call.FAIL;
                }
                waiting |= !t.bothSidesSeen();
            }
            return waiting ? PhaseJudge.Call.HOLD : PhaseJudge.Call.PASS;
        };
    }

    private boolean lost(BenchMetric m, ArmTotals t) {
        boolean relative = planMargins && m.bound().relative();
        ArmTotals.Difference d = relative ? t.relative() : t.absolute();
        if (d == null || t.largerSum() < MINIMUM_SAMPLE_SIZE) {
            return false;
        }
        double change = relative ? Math.abs(d.estimate()) : Math.abs(d.estimate() / t.baselineMean());
        if (change < MIN_PERCENT_CHANGE) {
            return false;
        }
        double threshold = relative ? m.bound().value() - 1 : 0;
        double halfwidth = SequentialCs.halfwidth(d.variance(), t.units(), rho, alpha, false);
        return m.bound().upper() ? d.estimate() - halfwidth > threshold : d.estimate() + halfwidth < threshold;
    }
}
