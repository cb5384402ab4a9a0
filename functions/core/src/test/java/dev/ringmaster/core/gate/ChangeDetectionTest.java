package dev.ringmaster.core.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A regression that starts mid-phase (GATES.md "Late onset"), and halt rules that look at their trailing window
 * (seed 004: {@code rate(errors[5m]) > 0.01 for: 5m}), within the whole phase's budget.
 */
class ChangeDetectionTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final Duration HORIZON = Duration.ofHours(96);
    /** The benchmark plan's share of a 1 % falseHaltRate: 3 gates × 2 phases. */
    private static final double ALPHA = 0.01 / 6;

    /** Canary 10,000 and baseline 100,000 sessions a tick at 0.2 % crashes; the canary's rate × factor from hour {@code onset}. */
    private static List<Sample> crashes(int hours, double onset, double factor) {
        List<Sample> out = new ArrayList<>();
        for (int k = 1; k <= hours * 12; k++) {
            double c = k > onset * 12 ? factor : 1;
            out.add(new Sample(START.plus(TICK.multipliedBy(k)), new Measure.Counts(Math.round(20 * c), 10_000),
                    new Measure.Counts(200, 100_000)));
        }
        return out;
    }

    private static Verdict judge(Criterion c, MetricKind kind, List<Sample> samples) {
        Instant now = samples.get(samples.size() - 1).at();
        return new GateEngine().judge(c, kind, new MetricSeries("m", samples, false),
                new Thresholds(ALPHA, 0.05, now, START, true, HORIZON));
    }

    record Case(String rule, List<Sample> samples, Outcome expected, String reasonContains) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Case> lateOnset() {
        return Stream.of(
                new Case("×2 from hour 30, after 30 h of healthy data: the change detector FAILs it within 3 hours",
                        crashes(33, 30, 2), Outcome.FAIL, "changed since 2026-12-02T"),
                new Case("×2 from the start is the cumulative test's: FAILed with no change point", crashes(3, 0, 2),
                        Outcome.FAIL, "lower bound"),
                new Case("a healthy phase of 90 h is not FAILed by either, and PASSes", crashes(90, 0, 1), Outcome.PASS, "rules out"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lateOnset")
    void aRegressionThatStartsMidPhaseIsCaughtFromItsStart(Case c) {
        Verdict v = judge(new Criterion("crash_rate", new Bound(Bound.Type.MAX_RELATIVE, 1.1), null, null, null), MetricKind.RATE,
                c.samples());
        assertEquals(c.expected(), v.outcome(), v.evidence().reason());
        assertTrue(v.evidence().reason().contains(c.reasonContains()), v.evidence().reason());
    }

    @Test
    void theChangeIsDatedNearItsOnsetAndJudgedOnTheDataSinceThen() {
        Verdict v = judge(new Criterion("crash_rate", new Bound(Bound.Type.MAX_RELATIVE, 1.1), null, null, null), MetricKind.RATE,
                crashes(33, 30, 2));
        String reason = v.evidence().reason();
        Instant since = Instant.parse(reason.substring("changed since ".length(), reason.indexOf("Z:") + 1));
        assertTrue(!since.isBefore(START.plus(Duration.ofHours(29))) && !since.isAfter(START.plus(Duration.ofHours(31))), reason);
        assertEquals(2.0, v.evidence().estimate(), 0.35, "the ratio since the change, not the phase's diluted one");
    }

    /**
     * Without the detector the cumulative test needs the regression to outweigh 30 h of healthy data; with it the
     * FAIL comes about as fast as for a regression present from the start (here: the first FAIL tick after the onset).
     */
    @Test
    void lateOnsetIsCaughtAboutAsFastAsFromTheStart() {
        Criterion gate = new Criterion("crash_rate", new Bound(Bound.Type.MAX_RELATIVE, 1.1), null, null, null);
        int fromStart = ticksToFail(gate, crashes(24, 0, 2), 0);
        int late = ticksToFail(gate, crashes(54, 30, 2), 30 * 12);
        assertTrue(late <= 2 * fromStart, () -> "late onset took " + late + " ticks, from the start " + fromStart);
    }

    private static int ticksToFail(Criterion gate, List<Sample> samples, int onsetTick) {
        for (int k = onsetTick + 1; k <= samples.size(); k++) {
            if (judge(gate, MetricKind.RATE, samples.subList(0, k)).failed()) {
                return k - onsetTick;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Seed 004: error rate 0.2 %, then 3 % from hour 40, 83,333 sessions a tick (25 % of 4,000,000 an hour). */
    private static List<Sample> errors(int ticks, int spikeFrom) {
        List<Sample> out = new ArrayList<>();
        for (int k = 1; k <= ticks; k++) {
            double p = k > spikeFrom ? 0.03 : 0.002;
            out.add(new Sample(START.plus(TICK.multipliedBy(k)), new Measure.Counts(Math.round(83_333 * p), 83_333), null));
        }
        return out;
    }

    static Stream<Case> windowedRules() {
        return Stream.of(
                new Case("error rate > 1 % for 5m: the spike's first tick alone is not yet 5 minutes", errors(481, 480),
                        Outcome.INCONCLUSIVE, "breached for 0s of the required 5m"),
                new Case("error rate > 1 % for 5m: two spike ticks, 10 minutes after the onset, FAIL", errors(482, 480),
                        Outcome.FAIL, "lower bound"),
                new Case("40 h of healthy errors never FAIL the 5-minute rule", errors(480, 480), Outcome.PASS, "rules out"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windowedRules")
    void aHaltRuleLooksAtItsTrailingForWindow(Case c) {
        Criterion rule = new Criterion("error_rate", new Bound(Bound.Type.MAX, 0.01), null, null, Duration.ofMinutes(5));
        Verdict v = judge(rule, MetricKind.RATE, c.samples());
        assertEquals(c.expected(), v.outcome(), v.evidence().reason());
        assertTrue(v.evidence().reason().contains(c.reasonContains()), v.evidence().reason());
        assertEquals(83_333, v.evidence().sampleSize(), "one 5-minute tick in scope, not the phase");
    }

    @Test
    void eachTrailingWindowSpendsItsStartsShareOfTheRulesBudget() {
        Criterion rule = new Criterion("error_rate", new Bound(Bound.Type.MAX, 0.01), null, null, Duration.ofMinutes(5));
        Verdict v = judge(rule, MetricKind.RATE, errors(482, 480));
        double share = 0.5 / (HORIZON.toMinutes() / 5.0);
        assertEquals(1 - ALPHA * share, v.evidence().confidence(), 1e-12);
    }

    /** The union bound over windows and starts: half the budget within the horizon, the rest over its doublings. */
    @Test
    void sharesSumToAtMostTheWholeBudgetHoweverLongThePhaseRuns() {
        Duration block = Duration.ofHours(1);
        double within = 0;
        double total = 0;
        for (int b = 0; b < 96 * 64; b++) {
            double s = Spending.share(START, START.plus(block.multipliedBy(b)), HORIZON, block);
            total += s;
            if (b < 96) {
                within += s;
            }
        }
        assertEquals(0.5, within, 1e-9);
        double sum = total;
        assertTrue(sum <= 1 + 1e-9 && sum > 0.99, () -> "over 64 horizons: " + sum);
    }

    /** Monte Carlo: healthy 96 h phases judged every tick, cumulative test and detector together, at α = 1 %. */
    @Test
    void aHealthyBuildIsRarelyFailedByTheCumulativeTestAndTheDetectorTogether() {
        Random random = new Random(5);
        Criterion gate = new Criterion("crash_rate", new Bound(Bound.Type.MAX_RELATIVE, 1.1), null, null, null);
        int failed = 0;
        int runs = 300;
        for (int r = 0; r < runs; r++) {
            GateTracker tracker = new GateTracker(gate, MetricKind.RATE, new Thresholds(0.01, 0.05, START, START, false, HORIZON));
            for (int k = 1; k <= 96 * 12; k++) {
                Sample s = new Sample(START.plus(TICK.multipliedBy(k)), new Measure.Counts(Fixtures.poisson(random, 2.2), 1_000),
                        new Measure.Counts(Fixtures.poisson(random, 2), 1_000));
                if (tracker.add(s) == Outcome.FAIL) {
                    failed++;
                    break;
                }
            }
        }
        int f = failed;
        // At the bound itself (canary 1.1 × baseline): at most α = 1 % in expectation; 3 % leaves room for chance.
        assertTrue(f <= runs * 0.03, () -> f + " of " + runs + " healthy phases FAILed");
    }
}
