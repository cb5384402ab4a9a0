package dev.ringmaster.bench.peers;

import static dev.ringmaster.bench.peers.Ticks.T;
import static dev.ringmaster.bench.peers.Ticks.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GrowthBook Safe Rollouts (docs/benchmark-policies.md "growthbook"). Expected bounds are worked out here
 * from gbstats' formulas (frequentist/tests.py), independently of {@link SequentialCs}.
 */
class GrowthBookPolicyTest {
    private static final BenchMetric ERRORS = new BenchMetric("error_rate", MetricKind.RATE, new Bound(Bound.Type.MAX, 0.01), Duration.ZERO);
    private static final BenchMetric CRASHES = new BenchMetric("crash_rate", MetricKind.RATE, new Bound(Bound.Type.MAX_RELATIVE, 1.1), Duration.ZERO);
    private static final BenchMetric CONVERSION = new BenchMetric("conversion", MetricKind.RATE, new Bound(Bound.Type.MIN, 0.05), Duration.ZERO);

    private static Map<String, Sample> counts(BenchMetric m, long canaryBad, long canaryTotal, long baselineBad, long baselineTotal) {
        return Map.of(m.name(), new Sample(T, new Measure.Counts(canaryBad, canaryTotal), new Measure.Counts(baselineBad, baselineTotal)));
    }

    /** gbstats eq. 161 and eq. 134, one-sided, α 0.05, N* 5000, for an absolute difference of two proportions. */
    private static double oneSidedLowerBound(double canaryBad, double canaryTotal, double baselineBad, double baselineTotal) {
        double pc = canaryBad / canaryTotal;
        double pb = baselineBad / baselineTotal;
        double se2 = pc * (1 - pc) / canaryTotal + pb * (1 - pb) / baselineTotal;
        double n = canaryTotal + baselineTotal;
        double rho2 = (-2 * Math.log(0.1) + Math.log(-2 * Math.log(0.1) + 1)) / 5000;
        double halfwidth = Math.sqrt(se2 * n * 2 * (n * rho2 + 1) / (n * n * rho2) * Math.log(1 + Math.sqrt(n * rho2 + 1) / 0.1));
        return pc - pb - halfwidth;
    }

    @ParameterizedTest(name = "errors {0}/{1} against {2}/{3}: {4}")
    @CsvSource({
        // Δ 0.010, half-width 0.0063: lower bound 0.0037
        "300, 10000, 200, 10000, FAIL",
        // Δ 0.007, half-width 0.0061: lower bound 0.0009
        "270, 10000, 200, 10000, FAIL",
        // Δ 0.005, half-width 0.0060: lower bound −0.0010, inconclusive
        "250, 10000, 200, 10000, PASS",
        "200, 10000, 300, 10000, PASS",
    })
    void growthbookHaltsWhenTheOneSidedCsLowerBoundExceedsTheThreshold(long cb, long ct, long bb, long bt, PhaseJudge.Call expected) {
        PhaseJudge judge = new GrowthBookPolicy().judge(List.of(ERRORS), T, TICK, null, 0.001);
        assertEquals(expected, judge.onTick(T, counts(ERRORS, cb, ct, bb, bt)));
        assertEquals(expected == PhaseJudge.Call.FAIL, oneSidedLowerBound(cb, ct, bb, bt) > 0, "the hand-computed bound agrees");
    }

    @Test
    void growthbookTuningNStar5000MakesTheCsTightestNear5000Samples() {
        // ρ² = (4.605170 + ln 5.605170)/5000 = 0.001265772; nρ² + 1 = 7.328860; ln(1 + 2.707187/0.1) = 3.334769;
        // half-width = √(2 · 7.328860 / 31644.30 · 3.334769) = 0.0393023 for s² = 1 at n = 5000.
        double rho = SequentialCs.rho(0.05, 5000, false);
        assertEquals(0.0393023, SequentialCs.halfwidth(1.0 / 5000, 5000, rho, 0.05, false), 1e-7);
        double[] tunings = {1000, 2500, 5000, 10000, 20000};
        double[] widths = DoubleStream.of(tunings)
                .map(t -> SequentialCs.halfwidth(1.0 / 5000, 5000, SequentialCs.rho(0.05, t, false), 0.05, false)).toArray();
        assertEquals(widths[2], DoubleStream.of(widths).min().orElseThrow(), "N* = 5000 is the narrowest at 5,000 units");
        assertTrue(widths[2] > 1.6448536 / Math.sqrt(5000), "a time-uniform sequence is wider than a fixed-n interval");
    }

    @Test
    void growthbookInconclusiveShipsAtTheEndOfTheStepAndNoTrafficHolds() {
        PhaseJudge judge = new GrowthBookPolicy().judge(List.of(ERRORS, CRASHES), T, TICK, null, 0.001);
        assertEquals(PhaseJudge.Call.HOLD, judge.onTick(T, counts(ERRORS, 20, 1000, 20, 1000)), "no crash data yet: the ramp holds");
        for (int k = 0; k < 288; k++) {
            Map<String, Sample> tick = Map.of(
                    "error_rate", new Sample(T, new Measure.Counts(20 + k % 3, 1000), new Measure.Counts(21 - k % 3, 1000)),
                    "crash_rate", new Sample(T, new Measure.Counts(2 + k % 2, 1000), new Measure.Counts(3 - k % 2, 1000)));
            assertEquals(PhaseJudge.Call.PASS, judge.onTick(T, tick), "tick " + k);
        }
    }

    @ParameterizedTest(name = "{0}/1000 against 20/1000: {1}")
    @CsvSource({"149, PASS", "150, FAIL"})
    void growthbookALossNeeds150EventsOnTheLargerSide(long canaryBad, PhaseJudge.Call expected) {
        PhaseJudge judge = new GrowthBookPolicy().judge(List.of(ERRORS), T, TICK, null, 0.001);
        assertEquals(expected, judge.onTick(T, counts(ERRORS, canaryBad, 1000, 20, 1000)));
    }

    @ParameterizedTest(name = "{0} of 10⁹ against 10⁸ of 10⁹: {1}")
    @CsvSource({
        // +0.4 % of the baseline: the bound is past 0 but the change is under minPercentageChange
        "100400000, PASS",
        "100600000, FAIL",
    })
    void growthbookAChangeUnderHalfAPercentOfTheBaselineIsNeverALoss(long canaryBad, PhaseJudge.Call expected) {
        PhaseJudge judge = new GrowthBookPolicy().judge(List.of(ERRORS), T, TICK, null, 0.001);
        assertTrue(oneSidedLowerBound(canaryBad, 1e9, 1e8, 1e9) > 0);
        assertEquals(expected, judge.onTick(T, counts(ERRORS, canaryBad, 1_000_000_000, 100_000_000, 1_000_000_000)));
    }

    @ParameterizedTest(name = "conversion (min bound) {0}/10000 against 200/10000: {1}")
    @CsvSource({"120, FAIL", "300, PASS"})
    void growthbookAMinBoundLosesWhenTheUpperBoundIsBelowZero(long canaryGood, PhaseJudge.Call expected) {
        PhaseJudge judge = new GrowthBookPolicy().judge(List.of(CONVERSION), T, TICK, null, 0.001);
        assertEquals(expected, judge.onTick(T, counts(CONVERSION, canaryGood, 10000, 200, 10000)));
    }

    @ParameterizedTest(name = "crashes {0}/10⁶ against 10⁴/10⁶ (maxRelative 1.1), planMargins {1}: {2}")
    @CsvSource({
        // +7 %: past zero, within the plan's +10 %
        "10700, false, FAIL",
        "10700, true,  PASS",
        "11500, true,  PASS",
        "12000, true,  FAIL",
    })
    void growthbookThresholdIsZeroUnlessPlanMarginsTestTheRelativeDifferenceAgainstRMinusOne(long canaryBad, boolean margins, PhaseJudge.Call expected) {
        PhaseJudge judge = new GrowthBookPolicy(0.05, 5000, margins, false).judge(List.of(CRASHES), T, TICK, null, 0.001);
        assertEquals(expected, judge.onTick(T, counts(CRASHES, canaryBad, 1_000_000, 10_000, 1_000_000)));
    }

    @Test
    void growthbookLatencyIsASampleMeanWithTheSampleVariance() {
        BenchMetric latency = new BenchMetric("latency_p75", MetricKind.GAUGE, new Bound(Bound.Type.MAX_RELATIVE, 1.2), Duration.ZERO);
        PhaseJudge judge = new GrowthBookPolicy().judge(List.of(latency), T, TICK, null, 0.001);
        PhaseJudge.Call last = null;
        int k = 0;
        while (last != PhaseJudge.Call.FAIL && k < 100) {
            double wiggle = (k * 7) % 11;
            last = judge.onTick(T, Map.of(latency.name(), new Sample(T, new Measure.Value(260 + wiggle), new Measure.Value(200 + wiggle))));
            k++;
        }
        assertEquals(PhaseJudge.Call.FAIL, last, "p75 +30 % is found");
        assertTrue(k > 2, "one tick has no variance to test with: " + k);
    }

    @Test
    void growthbookOneSafeRolloutSpansThePhasesOfARun() {
        GrowthBookPolicy growthbook = new GrowthBookPolicy();
        PhaseJudge first = growthbook.judge(List.of(ERRORS), T, TICK, null, 0.001);
        assertEquals(PhaseJudge.Call.PASS, first.onTick(T, counts(ERRORS, 135, 5000, 100, 5000)));
        PhaseJudge second = growthbook.judge(List.of(ERRORS), T.plus(Duration.ofHours(24)), TICK, null, 0.001);
        assertEquals(PhaseJudge.Call.FAIL, second.onTick(T, counts(ERRORS, 135, 5000, 100, 5000)), "the totals of both phases");
        PhaseJudge nextRun = growthbook.judge(List.of(ERRORS), T, TICK, null, 0.001);
        assertEquals(PhaseJudge.Call.PASS, nextRun.onTick(T, counts(ERRORS, 135, 5000, 100, 5000)), "a new run starts afresh");
    }
}
