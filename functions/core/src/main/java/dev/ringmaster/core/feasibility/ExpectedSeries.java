package dev.ringmaster.core.feasibility;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The data a phase would see if every tick brought exactly its expected counts and values: no sampling luck.
 * Counts are rounded on the running totals, so after k ticks the canary has seen round(rate × trials) bad events
 * however the rounding fell tick by tick. Each alternative's log likelihood ratio is linear in the counts, so on
 * the expected counts it is the expected log evidence, a straight line in time, and the time it crosses a threshold
 * is about the mean time a run's evidence does (Wald). A run's median comes earlier: its evidence wanders around
 * that line, and the first crossing of a wandering path is skewed early (at 200,000 sessions/h the benchmark
 * plan's 5 % crash gate: 50 h predicted, 37 h simulated median).
 *
 * <p>A gauge has no expected "noise" to plug in, and a plug-in σ of zero would decide at once. Each side's value
 * instead follows a fixed ±1 pattern (canary +−+−, baseline ++−−) times the relative noise: per tick the mean is
 * the true value and the spread is the assumed noise, as in a run, without random draws.
 */
final class ExpectedSeries {
    private ExpectedSeries() {
    }

    /**
     * @param canary    the canary's true value (rate, value, or events per minute on its side)
     * @param baseline  the baseline's true value
     * @param perTick   canary and baseline sessions per tick (counts: their minutes' events per minute scale)
     * @param ticks     how many ticks, the first ending one tick after {@code start}
     */
    static MetricSeries of(String metric, MetricKind kind, double canary, double baseline, double[] perTick, double noise,
                           Duration tick, Instant start, int ticks) {
        List<Sample> samples = new ArrayList<>(ticks);
        double minutes = tick.toSeconds() / 60.0;
        for (int k = 1; k <= ticks; k++) {
            Instant at = start.plus(tick.multipliedBy(k));
            samples.add(switch (kind) {
                case RATE -> new Sample(at, counts(canary, perTick[0], k), counts(baseline, perTick[1], k));
                case COUNT -> new Sample(at, new Measure.Events(step(canary * minutes, k), minutes),
                        new Measure.Events(step(baseline * minutes, k), minutes));
                case GAUGE -> new Sample(at, new Measure.Value(canary * (1 + noise * (k % 2 == 1 ? 1 : -1))),
                        new Measure.Value(baseline * (1 + noise * ((k - 1) % 4 < 2 ? 1 : -1))));
                case CHECK -> throw new IllegalArgumentException(metric + ": a check is reported, not sampled");
            });
        }
        return new MetricSeries(metric, samples, false);
    }

    /** Tick k's share of round(per-tick × k): the running total is the rounded expectation. */
    private static long step(double perTick, int k) {
        return Math.round(perTick * k) - Math.round(perTick * (k - 1));
    }

    private static Measure.Counts counts(double rate, double sessionsPerTick, int k) {
        long total = Math.round(sessionsPerTick * k);
        long before = Math.round(sessionsPerTick * (k - 1));
        long bad = Math.round(rate * total) - Math.round(rate * before);
        return new Measure.Counts(bad, total - before);
    }

    /** Canary trials (sessions) in the first k ticks. */
    static long trials(double sessionsPerTick, int k) {
        return Math.round(sessionsPerTick * k);
    }
}
