package dev.ringmaster.core.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The benchmark's incremental tracker must say, tick by tick, exactly what the engine says on the series so far. */
class GateTrackerTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);

    record Kind(String rule, Bound bound, MetricKind kind) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Kind> gates() {
        return Stream.of(
                new Kind("absolute max on a rate", new Bound(Bound.Type.MAX, 0.01), MetricKind.RATE),
                new Kind("absolute min on a success rate", new Bound(Bound.Type.MIN, 0.99), MetricKind.RATE),
                new Kind("maxRelative on a rate", new Bound(Bound.Type.MAX_RELATIVE, 1.1), MetricKind.RATE),
                new Kind("minRelative on a rate", new Bound(Bound.Type.MIN_RELATIVE, 0.9), MetricKind.RATE),
                new Kind("maxRelative on a gauge", new Bound(Bound.Type.MAX_RELATIVE, 1.2), MetricKind.GAUGE),
                new Kind("absolute min on a gauge", new Bound(Bound.Type.MIN, 180), MetricKind.GAUGE),
                new Kind("absolute max on an event rate", new Bound(Bound.Type.MAX, 0.25), MetricKind.COUNT),
                new Kind("maxRelative on an event rate", new Bound(Bound.Type.MAX_RELATIVE, 1.5), MetricKind.COUNT),
                new Kind("zero tolerance on a rate (max: 0)", new Bound(Bound.Type.MAX, 0), MetricKind.RATE),
                new Kind("zero tolerance on an event rate (max: 0)", new Bound(Bound.Type.MAX, 0), MetricKind.COUNT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void agreesWithTheEngineOnEveryTick(Kind gate) {
        Criterion criterion = new Criterion("m", gate.bound(), null, null, null);
        Random random = new Random(7);
        Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
        for (int run = 0; run < 40; run++) {
            // A short horizon gives the change detector many starts; a loose alpha makes verdicts come quickly.
            Thresholds t = new Thresholds(0.05, 0.05, START, START, false, Duration.ofHours(4));
            GateTracker tracker = new GateTracker(criterion, gate.kind(), t);
            List<Sample> samples = new ArrayList<>();
            int onset = random.nextInt(200);
            double factor = 1 + random.nextInt(3) * 0.5;
            for (int i = 1; i <= 200; i++) {
                Sample s = sample(gate.kind(), START.plus(TICK.multipliedBy(i)), random, i >= onset ? factor : 1);
                samples.add(s);
                Thresholds now = new Thresholds(0.05, 0.05, s.at(), START, false, Duration.ofHours(4));
                Outcome engine = new GateEngine().judge(criterion, gate.kind(), new MetricSeries("m", samples, false), now)
                        .outcome();
                int tick = i;
                int r = run;
                assertEquals(engine, tracker.add(s), () -> "run " + r + " tick " + tick);
                seen.merge(engine, 1, Integer::sum);
            }
        }
        assertTrue(seen.size() >= 2, () -> "the series should reach more than one outcome: " + seen);
    }

    @Test
    void refusesWhatOnlyTheEngineJudges() {
        Thresholds t = new Thresholds(0.05, 0.05, START, START, false, Duration.ofHours(4));
        assertThrows(IllegalArgumentException.class, () -> new GateTracker(
                new Criterion("m", new Bound(Bound.Type.MAX, 0.01), Duration.ofMinutes(5), null, null), MetricKind.RATE, t));
        assertThrows(IllegalArgumentException.class, () -> new GateTracker(
                new Criterion("m", new Bound(Bound.Type.PASS, 1), null, null, null), MetricKind.CHECK, t));
        assertThrows(IllegalArgumentException.class, () -> new GateTracker(
                new Criterion("m", new Bound(Bound.Type.MAX, 0), null, null, null), MetricKind.GAUGE, t));
    }

    /**
     * Rates around 1 % (the success-rate gate sees 99 %), gauges around 200 with 5 % noise, event rates around 0.2
     * a minute (the baseline over 15 minutes); 1 tick in 20 missing.
     */
    private static Sample sample(MetricKind kind, Instant at, Random random, double factor) {
        if (random.nextInt(20) == 0) {
            return new Sample(at, null, null);
        }
        if (kind == MetricKind.GAUGE) {
            return new Sample(at, new Measure.Value(200 * factor * (1 + 0.05 * random.nextGaussian())),
                    new Measure.Value(200 * (1 + 0.05 * random.nextGaussian())));
        }
        if (kind == MetricKind.COUNT) {
            return new Sample(at, new Measure.Events(binomial(random, 50, 0.02 * factor), 5),
                    new Measure.Events(binomial(random, 150, 0.02), 15));
        }
        long n = 200 + random.nextInt(2_000);
        return new Sample(at, new Measure.Counts(binomial(random, n, 0.01 * factor), n),
                new Measure.Counts(binomial(random, 3 * n, 0.01), 3 * n));
    }

    private static long binomial(Random random, long n, double p) {
        long x = 0;
        for (long i = 0; i < n; i++) {
            x += random.nextDouble() < p ? 1 : 0;
        }
        return x;
    }
}
