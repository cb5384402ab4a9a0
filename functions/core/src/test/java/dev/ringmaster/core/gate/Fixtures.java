package dev.ringmaster.core.gate;

import dev.ringmaster.core.plan.Bound;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Series and thresholds for the gate tests: ticks every five minutes, the last one at {@link #NOW}. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant PHASE_START = NOW.minus(Duration.ofHours(24));
    static final Duration TICK = Duration.ofMinutes(5);
    /** A plan's 1 % falseHaltRate split over four (phase, gate) pairs. */
    static final Thresholds T = new Thresholds(0.01 / 4, 0.05, NOW, PHASE_START);

    private Fixtures() {
    }

    static Criterion criterion(Bound.Type type, double value) {
        return new Criterion("m", new Bound(type, value), null, null, null);
    }

    static Criterion criterion(Bound.Type type, double value, Duration window, Double margin, Duration sustain) {
        return new Criterion("m", new Bound(type, value), window, margin, sustain);
    }

    /** n ticks ending at NOW; tick i (oldest = 0) made by the function. */
    static MetricSeries ticks(int n, IntFunction<Sample> tick) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(tick.apply(i));
        }
        return new MetricSeries("m", samples, false);
    }

    static Instant at(int i, int n) {
        return NOW.minus(TICK.multipliedBy(n - 1 - i));
    }

    /** The same counts in every one of n ticks, no baseline. */
    static MetricSeries counts(int n, long bad, long total) {
        return ticks(n, i -> new Sample(at(i, n), new Measure.Counts(bad, total), null));
    }

    static MetricSeries paired(int n, long badC, long totalC, long badB, long totalB) {
        return ticks(n, i -> new Sample(at(i, n), new Measure.Counts(badC, totalC), new Measure.Counts(badB, totalB)));
    }

    static MetricSeries events(int n, double events, double minutes) {
        return ticks(n, i -> new Sample(at(i, n), new Measure.Events(events, minutes), null));
    }

    static MetricSeries aggregate(Measure canary, Measure baseline) {
        return new MetricSeries("m", List.of(new Sample(NOW, canary, baseline)), true);
    }

    /**
     * Poisson for Binomial(n, p) with p ≤ 1 %: a slightly larger variance, so if anything it makes false
     * FAILs more likely, never less.
     */
    static int poisson(java.util.Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
