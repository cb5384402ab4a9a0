package dev.ringmaster.bench.peers;

import static dev.ringmaster.bench.peers.Ticks.T;
import static dev.ringmaster.bench.peers.Ticks.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LaunchDarkly guarded rollouts (docs/benchmark-policies.md "launchdarkly"). */
class LaunchDarklyPolicyTest {
    private static final BenchMetric CRASHES = new BenchMetric("crash_rate", MetricKind.RATE, new Bound(Bound.Type.MAX_RELATIVE, 1.1), Duration.ZERO);
    private static final BenchMetric ERRORS = new BenchMetric("error_rate", MetricKind.RATE, new Bound(Bound.Type.MAX, 0.01), Duration.ZERO);

    private static Map<String, Sample> counts(BenchMetric m, long canaryBad, long canaryTotal, long baselineBad, long baselineTotal) {
        return Map.of(m.name(), new Sample(T, new Measure.Counts(canaryBad, canaryTotal), new Measure.Counts(baselineBad, baselineTotal)));
    }

    /** Eq. 9 of Waudby-Smith et al. (gbstats' two-sided half-width) with ρ from eq. 161, α 0.05, N* 5000. */
    private static double twoSidedHalfwidth(double se2, double n) {
        double rho2 = (-2 * Math.log(0.05) + Math.log(-2 * Math.log(0.05) + 1)) / 5000;
        return Math.sqrt(se2 * n * 2 * (n * rho2 + 1) / (n * n * rho2) * Math.log(Math.sqrt(n * rho2 + 1) / 0.05));
    }

    /** Lower limit of the relative difference, delta-method variance, minus the threshold r − 1. */
    private static double relativeMargin(double cb, double ct, double bb, double bt, double r) {
        double c = cb / ct;
        double b = bb / bt;
        double se2 = c * (1 - c) / ct / (b * b) + b * (1 - b) / bt * c * c / (b * b * b * b);
        return (c - b) / b - twoSidedHalfwidth(se2, ct + bt) - (r - 1);
    }

    @ParameterizedTest(name = "crashes {0}/10⁵ against 1000/10⁵ (maxRelative 1.1): {1}")
    @CsvSource({
        // +30 %: lower limit +11.3 %, past the +10 % threshold
        "1300, FAIL",
        // +20 %: lower limit +2.5 %, significant but within the threshold
        "1200, PASS",
        "1000, PASS",
    })
    void launchdarklyRegressesWhenTheIntervalLiesBeyondTheRelativeRegressionThreshold(long canaryBad, PhaseJudge.Call expected) {
        PhaseJudge judge = new LaunchDarklyPolicy(0.05, 5000, 0, 1, true, false).judge(List.of(CRASHES), T, TICK, null, 0.001);
        assertEquals(expected, judge.onTick(T, counts(CRASHES, canaryBad, 100_000, 1000, 100_000)));
        assertEquals(expected == PhaseJudge.Call.FAIL, relativeMargin(canaryBad, 1e5, 1000, 1e5, 1.1) > 0, "the hand-computed limit agrees");
    }

    @ParameterizedTest(name = "errors (max 0.01) {0}/10⁴ against 200/10⁴: {1}")
    @CsvSource({
        // Δ 0.010, two-sided half-width 0.0069
        "300, FAIL",
        // Δ 0.005, half-width 0.0066
        "250, PASS",
    })
    void launchdarklyAnAbsoluteBoundIsThresholdZeroOnTheAbsoluteDifference(long canaryBad, PhaseJudge.Call expected) {
        PhaseJudge judge = new LaunchDarklyPolicy(0.05, 5000, 0, 1, true, false).judge(List.of(ERRORS), T, TICK, null, 0.001);
        assertEquals(expected, judge.onTick(T, counts(ERRORS, canaryBad, 10_000, 200, 10_000)));
        double pc = canaryBad / 1e4;
        double se2 = pc * (1 - pc) / 1e4 + 0.02 * 0.98 / 1e4;
        assertEquals(expected == PhaseJudge.Call.FAIL, pc - 0.02 - twoSidedHalfwidth(se2, 2e4) > 0, "the hand-computed limit agrees");
    }

    @Test
    void launchdarklyTheTwoSidedIntervalIsWiderThanGrowthbooksOneSidedAtTheSameAlpha() {
        double oneSided = SequentialCs.halfwidth(1e-6, 20_000, SequentialCs.rho(0.05, 5000, false), 0.05, false);
        double twoSided = SequentialCs.halfwidth(1e-6, 20_000, SequentialCs.rho(0.05, 5000, true), 0.05, true);
        assertEquals(twoSidedHalfwidth(1e-6, 20_000), twoSided, 1e-12);
        assertTrue(twoSided > oneSided, twoSided + " vs " + oneSided);
    }

    @Test
    void launchdarklyAStepHoldsUntilTheMinimumContextsHaveBeenServed() {
        PhaseJudge judge = new LaunchDarklyPolicy(0.05, 5000, 1000, 1, true, false).judge(List.of(ERRORS), T, TICK, null, 0.001);
        List<PhaseJudge.Call> calls = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            calls.add(judge.onTick(T, counts(ERRORS, 8, 400, 160, 8000)));
        }
        assertEquals(List.of(PhaseJudge.Call.HOLD, PhaseJudge.Call.HOLD, PhaseJudge.Call.PASS), calls, "400 sessions a tick, 1,000 needed");
    }

    @Test
    void launchdarklyWithoutAutomaticRollbackARegressionPausesTheRollout() {
        PhaseJudge judge = new LaunchDarklyPolicy(0.05, 5000, 0, 1, false, false).judge(List.of(ERRORS), T, TICK, null, 0.001);
        assertEquals(PhaseJudge.Call.HOLD, judge.onTick(T, counts(ERRORS, 300, 10_000, 200, 10_000)));
        for (int k = 0; k < 10; k++) {
            assertEquals(PhaseJudge.Call.HOLD, judge.onTick(T, counts(ERRORS, 200, 10_000, 200, 10_000)), "paused for a person");
        }
    }

    @Test
    void launchdarklyChecksOnItsSchedule() {
        PhaseJudge judge = new LaunchDarklyPolicy(0.05, 5000, 0, 3, true, false).judge(List.of(ERRORS), T, TICK, null, 0.001);
        assertEquals(PhaseJudge.Call.PASS, judge.onTick(T, counts(ERRORS, 300, 10_000, 200, 10_000)));
        assertEquals(PhaseJudge.Call.PASS, judge.onTick(T, counts(ERRORS, 300, 10_000, 200, 10_000)));
        assertEquals(PhaseJudge.Call.FAIL, judge.onTick(T, counts(ERRORS, 300, 10_000, 200, 10_000)));
    }

    @Test
    void launchdarklyOneAnalysisSpansTheStagesButTheMinimumIsPerStep() {
        LaunchDarklyPolicy launchdarkly = new LaunchDarklyPolicy(0.05, 5000, 1000, 1, true, true);
        PhaseJudge first = launchdarkly.judge(List.of(ERRORS), T, TICK, null, 0.001);
        assertEquals(PhaseJudge.Call.PASS, first.onTick(T, counts(ERRORS, 135, 5000, 100, 5000)));
        PhaseJudge second = launchdarkly.judge(List.of(ERRORS), T.plus(Duration.ofHours(24)), TICK, null, 0.001);
        assertEquals(PhaseJudge.Call.HOLD, second.onTick(T, counts(ERRORS, 2, 100, 2, 100)), "a new step starts its own count");
        assertEquals(PhaseJudge.Call.FAIL, second.onTick(T, counts(ERRORS, 135, 5000, 100, 5000)), "on the totals of both steps");
    }

    @ParameterizedTest(name = "alpha {0}, minContexts {1}, checkTicks {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "0.7  | 0  | 1 | alpha must be in (0, 0.5): 0.7",
        "0.05 | -1 | 1 | minContexts must not be negative: -1",
        "0.05 | 0  | 0 | checkTicks must be at least one tick: 0",
    })
    void launchdarklyRejectsBadParametersNamingThem(double alpha, long minContexts, int checkTicks, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LaunchDarklyPolicy(alpha, 5000, minContexts, checkTicks, true, true));
        assertEquals(message, e.getMessage());
    }
}
