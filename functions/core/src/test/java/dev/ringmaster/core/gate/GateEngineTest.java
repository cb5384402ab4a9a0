package dev.ringmaster.core.gate;

import static dev.ringmaster.core.gate.Fixtures.NOW;
import static dev.ringmaster.core.gate.Fixtures.PHASE_START;
import static dev.ringmaster.core.gate.Fixtures.T;
import static dev.ringmaster.core.gate.Fixtures.aggregate;
import static dev.ringmaster.core.gate.Fixtures.at;
import static dev.ringmaster.core.gate.Fixtures.counts;
import static dev.ringmaster.core.gate.Fixtures.criterion;
import static dev.ringmaster.core.gate.Fixtures.events;
import static dev.ringmaster.core.gate.Fixtures.paired;
import static dev.ringmaster.core.gate.Fixtures.ticks;
import static dev.ringmaster.core.plan.Bound.Type.MAX;
import static dev.ringmaster.core.plan.Bound.Type.MAX_RELATIVE;
import static dev.ringmaster.core.plan.Bound.Type.MIN;
import static dev.ringmaster.core.plan.Bound.Type.MIN_RELATIVE;
import static dev.ringmaster.core.plan.Bound.Type.PASS;
import static dev.ringmaster.core.plan.MetricKind.CHECK;
import static dev.ringmaster.core.plan.MetricKind.COUNT;
import static dev.ringmaster.core.plan.MetricKind.GAUGE;
import static dev.ringmaster.core.plan.MetricKind.RATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GateEngineTest {
    private static final GateEngine ENGINE = new GateEngine();
    private static final Duration HOUR = Duration.ofHours(1);

    /** One rule: this criterion on this series judges to this outcome, with this in the reason. */
    record Case(String rule, Criterion criterion, MetricKind kind, MetricSeries series, Outcome expected,
                String reasonContains) {
        Case(String rule, Criterion criterion, MetricKind kind, MetricSeries series, Outcome expected) {
            this(rule, criterion, kind, series, expected, "");
        }

        @Override
        public String toString() {
            return rule;
        }

        Verdict judge() {
            return ENGINE.judge(criterion, kind, series, T);
        }
    }

    static Stream<Case> absoluteRates() {
        return Stream.of(
                new Case("1 crash in 150 sessions cannot yet FAIL max 0.005", criterion(MAX, 0.005), RATE,
                        counts(1, 1, 150), Outcome.INCONCLUSIVE, "more trials needed"),
                new Case("300 crashes in 20,000 FAIL max 0.005", criterion(MAX, 0.005), RATE,
                        counts(4, 75, 5_000), Outcome.FAIL, "lower bound"),
                new Case("20 crashes in 20,000 PASS max 0.005", criterion(MAX, 0.005), RATE,
                        counts(4, 5, 5_000), Outcome.PASS, "20 of 20,000 trials (0.1 %): rules out ≥ 0.005"),
                new Case("a success rate well above min 0.995 PASSes", criterion(MIN, 0.995), RATE,
                        counts(10, 19_990, 20_000), Outcome.PASS),
                new Case("a success rate well below min 0.995 FAILs", criterion(MIN, 0.995), RATE,
                        counts(10, 19_700, 20_000), Outcome.FAIL, "upper bound"),
                new Case("a rate bound of zero FAILs on one bad trial", criterion(MAX, 0), RATE,
                        counts(3, 1, 100), Outcome.FAIL, "bound 0"),
                new Case("a rate bound of zero PASSes on none since the phase began", criterion(MAX, 0), RATE,
                        counts(3, 0, 100), Outcome.PASS));
    }

    static Stream<Case> relativeRates() {
        return Stream.of(
                new Case("healthy canary = baseline PASSes maxRelative 1.0 at 2,000,000 trials each (default 10 % margin)",
                        criterion(MAX_RELATIVE, 1.0), RATE, paired(10, 400, 200_000, 400, 200_000), Outcome.PASS,
                        "rules out ≥ 1.1"),
                new Case("healthy canary = baseline at 200,000 trials cannot rule out +10 % yet",
                        criterion(MAX_RELATIVE, 1.0), RATE, paired(10, 40, 20_000, 40, 20_000),
                        Outcome.INCONCLUSIVE, "more canary trials needed"),
                new Case("healthy canary = baseline at 200,000 trials PASSes with a 25 % margin",
                        criterion(MAX_RELATIVE, 1.0, null, 0.25, null), RATE, paired(10, 40, 20_000, 40, 20_000),
                        Outcome.PASS),
                new Case("canary 0.004 vs baseline 0.002 FAILs maxRelative 1.0", criterion(MAX_RELATIVE, 1.0), RATE,
                        paired(10, 40, 10_000, 20, 10_000), Outcome.FAIL, "lower bound"),
                new Case("a diurnal swing moving both sides does not FAIL", criterion(MAX_RELATIVE, 1.0), RATE,
                        ticks(288, i -> {
                            long bad = 20 + Math.round(60 * Math.sin(Math.PI * i / 144) * Math.sin(Math.PI * i / 144));
                            return new Sample(at(i, 288), new Measure.Counts(bad, 20_000),
                                    new Measure.Counts(bad, 20_000));
                        }), Outcome.PASS),
                new Case("minRelative 1.0: canary success rate far below baseline FAILs", criterion(MIN_RELATIVE, 1.0),
                        RATE, paired(10, 5_000, 10_000, 9_000, 10_000), Outcome.FAIL, "upper bound"),
                new Case("relative event rate: twice the baseline's errors/min FAILs maxRelative 1.2",
                        criterion(MAX_RELATIVE, 1.2), COUNT, ticks(12, i -> new Sample(at(i, 12),
                                new Measure.Events(40, 5), new Measure.Events(20, 5))), Outcome.FAIL));
    }

    static Stream<Case> missingData() {
        Criterion max = criterion(MAX, 0.005);
        return Stream.of(
                new Case("an empty series is INCONCLUSIVE, never PASS", max, RATE, MetricSeries.empty("m"),
                        Outcome.INCONCLUSIVE, "no data"),
                new Case("ticks without canary data are INCONCLUSIVE, never zero", max, RATE,
                        ticks(100, i -> new Sample(at(i, 100), null, null)), Outcome.INCONCLUSIVE, "no data"),
                new Case("a relative bound without baseline is INCONCLUSIVE", criterion(MAX_RELATIVE, 1.0), RATE,
                        counts(20, 1, 100_000), Outcome.INCONCLUSIVE, "no baseline"),
                new Case("samples after now are ignored", max, RATE,
                        ticks(2, i -> new Sample(NOW.plus(Fixtures.TICK.multipliedBy(i + 1)),
                                new Measure.Counts(5_000, 10_000), null)), Outcome.INCONCLUSIVE, "no data"),
                new Case("samples before the window are ignored", criterion(MAX, 0.005, HOUR, null, null), RATE,
                        ticks(24, i -> new Sample(at(i, 24), i < 12 ? new Measure.Counts(5_000, 10_000) : null, null)),
                        Outcome.INCONCLUSIVE, "no data"),
                new Case("a gauge with no values is INCONCLUSIVE", criterion(MAX, 900), GAUGE, MetricSeries.empty("m"),
                        Outcome.INCONCLUSIVE, "no data"),
                new Case("a count with no data is INCONCLUSIVE", criterion(MAX, 0), COUNT,
                        ticks(12, i -> new Sample(at(i, 12), null, null)), Outcome.INCONCLUSIVE, "no data"));
    }

    static Stream<Case> eventCounts() {
        Criterion sev1 = criterion(MAX, 0, HOUR, null, null);
        return Stream.of(
                new Case("max 0: one event FAILs", sev1, COUNT, ticks(12, i -> new Sample(at(i, 12),
                        new Measure.Events(i == 7 ? 1 : 0, 5), null)), Outcome.FAIL, "1 event, bound 0"),
                new Case("max 0: none over the whole window PASSes", sev1, COUNT, events(12, 0, 5), Outcome.PASS),
                new Case("max 0: none, but data covers half the window, is INCONCLUSIVE", sev1, COUNT,
                        events(6, 0, 5), Outcome.INCONCLUSIVE, "covers only"),
                new Case("max 0: none, but an outage inside the window, is INCONCLUSIVE", sev1, COUNT,
                        ticks(12, i -> new Sample(at(i, 12), i == 4 ? null : new Measure.Events(0, 5), null)),
                        Outcome.INCONCLUSIVE),
                new Case("max 0 without a window: none in any data PASSes", criterion(MAX, 0), COUNT,
                        events(1, 0, 5), Outcome.PASS),
                new Case("5 errors/min against max 2/min FAILs", criterion(MAX, 2), COUNT, events(12, 25, 5),
                        Outcome.FAIL),
                new Case("0.5 errors/min against max 2/min PASSes", criterion(MAX, 2), COUNT, events(24, 2.5, 5),
                        Outcome.PASS),
                new Case("1 error/min against min 3/min FAILs", criterion(MIN, 3), COUNT, events(24, 5, 5),
                        Outcome.FAIL));
    }

    static Stream<Case> gauges() {
        return Stream.of(
                new Case("+30 % p75 latency over 20 noisy ticks FAILs maxRelative 1.10", criterion(MAX_RELATIVE, 1.10),
                        GAUGE, latency(1.30), Outcome.FAIL, "lower bound"),
                new Case("equal p75 latency over 20 noisy ticks PASSes maxRelative 1.10",
                        criterion(MAX_RELATIVE, 1.10), GAUGE, latency(1.0), Outcome.PASS),
                new Case("aggregate 850 against max 900 PASSes by point comparison", criterion(MAX, 900), GAUGE,
                        aggregate(new Measure.Value(850), null), Outcome.PASS, "within"),
                new Case("aggregate 950 against max 900 FAILs by point comparison", criterion(MAX, 900), GAUGE,
                        aggregate(new Measure.Value(950), null), Outcome.FAIL, "beyond"),
                new Case("two values are too few for a sequential verdict", criterion(MAX, 900), GAUGE,
                        ticks(2, i -> new Sample(at(i, 2), new Measure.Value(2_000), null)), Outcome.INCONCLUSIVE,
                        "3 values needed"),
                new Case("memory far above min 20 % headroom FAILs", criterion(MIN, 20), GAUGE,
                        ticks(10, i -> new Sample(at(i, 10), new Measure.Value(10 + i % 3), null)), Outcome.FAIL,
                        "upper bound"));
    }

    static Stream<Case> checks() {
        Criterion passes = criterion(PASS, 0);
        return Stream.of(
                new Case("a passing check PASSes", passes, CHECK, check(true, NOW.minusSeconds(60)), Outcome.PASS),
                new Case("a failing check FAILs", passes, CHECK, check(false, NOW.minusSeconds(60)), Outcome.FAIL),
                new Case("a check reported before the phase is stale", passes, CHECK,
                        check(true, PHASE_START.minusSeconds(60)), Outcome.INCONCLUSIVE, "stale"),
                new Case("no report is INCONCLUSIVE", passes, CHECK, MetricSeries.empty("m"), Outcome.INCONCLUSIVE,
                        "no data"));
    }

    static Stream<Case> sustain() {
        Criterion for15m = criterion(MAX, 0.005, null, null, Duration.ofMinutes(15));
        Measure bad = new Measure.Counts(300, 20_000);
        return Stream.of(
                new Case("a FAIL held 3 ticks of 5m does not satisfy for: 15m", for15m, RATE, counts(3, 300, 20_000),
                        Outcome.INCONCLUSIVE, "breached for 10m of the required 15m"),
                new Case("a FAIL held 15m satisfies for: 15m", for15m, RATE, counts(4, 300, 20_000), Outcome.FAIL),
                new Case("a FAIL preceded by healthy ticks counts only from its start", for15m, RATE,
                        ticks(20, i -> new Sample(at(i, 20), i < 17 ? new Measure.Counts(0, 20_000)
                                : new Measure.Counts(6_000, 20_000), null)), Outcome.INCONCLUSIVE, "breached for"),
                new Case("a missing tick inside the run breaks it", for15m, RATE,
                        ticks(8, i -> new Sample(at(i, 8), i == 5 ? null : bad, null)), Outcome.INCONCLUSIVE,
                        "breached for 5m"),
                new Case("a windowed rule sustains over its own window", criterion(MAX, 0.005, HOUR, null,
                        Duration.ofMinutes(15)), RATE, counts(30, 300, 20_000), Outcome.FAIL),
                new Case("sustain is not checkable on an aggregate snapshot, and says so", for15m, GAUGE,
                        aggregate(new Measure.Value(0.5), null), Outcome.FAIL, "cannot be checked"),
                new Case("a PASS is unaffected by sustain", for15m, RATE, counts(4, 5, 5_000), Outcome.PASS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"absoluteRates", "relativeRates", "missingData", "eventCounts", "gauges", "checks", "sustain"})
    void judgesByTheRule(Case c) {
        Verdict v = c.judge();
        assertEquals(c.expected(), v.outcome(), v.evidence().reason());
        assertTrue(v.evidence().reason().contains(c.reasonContains()),
                () -> "reason \"" + v.evidence().reason() + "\" lacks \"" + c.reasonContains() + "\"");
        Evidence e = v.evidence();
        assertNotNull(e.method());
        assertNotNull(e.criterion());
        // A verdict is at least as confident as the criterion's whole budget allows; shares of it are more so.
        assertTrue(e.confidence() >= 1 - T.alphaFail() - 1e-12, () -> "confidence " + e.confidence());
        assertFalse(e.reason().isBlank());
        assertFalse(e.reason().contains("NaN") || e.reason().contains("Infinity"), e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"absoluteRates", "relativeRates", "eventCounts", "gauges"})
    void intervalContainsTheEstimate(Case c) {
        Evidence e = c.judge().evidence();
        if (Double.isNaN(e.lower())) {
            return;
        }
        assertTrue(e.lower() <= e.estimate() && e.estimate() <= e.upper(),
                () -> e.lower() + " ≤ " + e.estimate() + " ≤ " + e.upper());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"absoluteRates", "relativeRates", "eventCounts", "gauges"})
    void failMeansTheIntervalExcludesTheBound(Case c) {
        Verdict v = c.judge();
        Evidence e = v.evidence();
        if (Double.isNaN(e.lower()) || c.criterion().sustain() != null) {
            return;
        }
        boolean beyond = c.criterion().bound().upper() ? e.lower() > e.bound() * (1 - 1e-9)
                : e.upper() < e.bound() * (1 + 1e-9);
        assertEquals(v.failed(), beyond, () -> "interval [" + e.lower() + ", " + e.upper() + "] vs " + e.bound());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"absoluteRates", "relativeRates", "eventCounts", "gauges", "missingData"})
    void inconclusiveSaysHowManyMoreSamplesOrMinusOne(Case c) {
        Evidence e = c.judge().evidence();
        if (c.judge().outcome() == Outcome.INCONCLUSIVE) {
            assertTrue(e.samplesNeeded() == -1 || e.samplesNeeded() > 0, () -> "samplesNeeded " + e.samplesNeeded());
        } else {
            assertEquals(-1, e.samplesNeeded());
        }
    }

    /** The "more samples needed" estimate: that much more data at the same rate does decide. */
    @org.junit.jupiter.api.Test
    void samplesNeededIsEnoughAtTheSameRate() {
        Criterion max = criterion(MAX, 0.005);
        Evidence e = ENGINE.judge(max, RATE, counts(1, 2, 150), T).evidence();
        assertTrue(e.samplesNeeded() > 0);
        long total = (150 + e.samplesNeeded() + 74) / 75 * 75;
        long bad = total * 2 / 150;
        assertEquals(Outcome.FAIL, ENGINE.judge(max, RATE, counts(1, bad, total), T).outcome());
    }

    @org.junit.jupiter.api.Test
    void sustainLongerThanTheDataIsNeverFail() {
        Criterion longFor = criterion(MAX, 0.005, Duration.ofHours(6), null, Duration.ofDays(30));
        MetricSeries series = counts(3_000, 30, 2_000);
        assertEquals(Outcome.INCONCLUSIVE, ENGINE.judge(longFor, RATE, series, T).outcome());
    }

    private static MetricSeries check(boolean pass, java.time.Instant reportedAt) {
        return ticks(1, i -> new Sample(NOW, new Measure.Check(pass, reportedAt), null));
    }

    private static MetricSeries latency(double factor) {
        return latencySeries(20, factor);
    }

    /** p75 latency around 400 ms with 5 % noise on each side; the canary is {@code factor} times slower. */
    private static MetricSeries latencySeries(int n, double factor) {
        Random random = new Random(42);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double baseline = 400 * (1 + 0.05 * random.nextGaussian());
            double canary = 400 * factor * (1 + 0.05 * random.nextGaussian());
            samples.add(new Sample(at(i, n), new Measure.Value(canary), new Measure.Value(baseline)));
        }
        return new MetricSeries("p75", samples, false);
    }
}
