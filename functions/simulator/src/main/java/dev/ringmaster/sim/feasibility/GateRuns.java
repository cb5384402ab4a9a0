package dev.ringmaster.sim.feasibility;

import dev.ringmaster.core.gate.Criterion;
import dev.ringmaster.core.gate.GateEngine;
import dev.ringmaster.core.gate.GateTracker;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.sim.Sampler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Seeded runs of one gate in one phase. Each tick draws both sides' data from their true values (a rate's bad
 * sessions binomial, a count's events Poisson, a gauge's value with normal noise), and the gate engine's verdict is
 * kept tick by tick: by {@link GateTracker} where it covers the gate (O(1) a tick), else by {@link GateEngine} on
 * the growing series (O(n) a tick: windows, zero bounds, counts). A run's draws depend only on its seed, so the
 * output is the same every time, in any order, and every margin tried sees the same data (a margin moves only the
 * PASS, so the time to PASS falls as the margin grows).
 */
final class GateRuns {
    private final String metric;
    private final MetricKind kind;
    private final Thresholds thresholds;
    private final Duration tick;
    private final Instant start;
    /** Canary and baseline sessions per tick; counts' events per tick are their per-minute value × minutes. */
    private final double[] perTick;
    private final double baseline;
    private final double noise;

    GateRuns(String metric, MetricKind kind, Thresholds thresholds, Duration tick, double[] perTick, double baseline,
             double noise) {
        this.metric = metric;
        this.kind = kind;
        this.thresholds = thresholds;
        this.tick = tick;
        this.start = thresholds.phaseStart();
        this.perTick = perTick;
        this.baseline = baseline;
        this.noise = noise;
    }

    /**
     * One run with the canary at {@code canary}: the first tick where the gate PASSes (positive) or FAILs
     * (negative), or 0 when neither by {@code maxTicks}. With {@code untilFail} a PASS does not end the run.
     */
    int run(Criterion criterion, double canary, long seed, int maxTicks, boolean untilFail) {
        Sampler sampler = new Sampler(seed);
        Function<Sample, Outcome> judge = judge(criterion);
        for (int k = 1; k <= maxTicks; k++) {
            Outcome o = judge.apply(sample(sampler, k, canary));
            if (o == Outcome.FAIL) {
                return -k;
            }
            if (o == Outcome.PASS && !untilFail) {
                return k;
            }
        }
        return 0;
    }

    /** Canary sessions in the first k ticks. */
    long trials(int k) {
        return Math.round(perTick[0] * k);
    }

    private Function<Sample, Outcome> judge(Criterion criterion) {
        try {
            return new GateTracker(criterion, kind, thresholds)::add;
        } catch (IllegalArgumentException notCovered) {
            GateEngine engine = new GateEngine();
            List<Sample> series = new ArrayList<>();
            return s -> {
                series.add(s);
                Thresholds now = new Thresholds(thresholds.alphaFail(), thresholds.alphaPass(), s.at(), start, false,
                        thresholds.horizon());
                return engine.judge(criterion, kind, new MetricSeries(metric, series, false), now).outcome();
            };
        }
    }

    private Sample sample(Sampler s, int k, double canary) {
        // Duration.multipliedBy goes through BigDecimal: too slow for millions of ticks.
        Instant at = start.plusSeconds(tick.toSeconds() * k);
        double minutes = tick.toSeconds() / 60.0;
        return switch (kind) {
            case RATE -> {
                long nc = step(perTick[0], k);
                long nb = step(perTick[1], k);
                yield new Sample(at, new Measure.Counts(s.binomial(nc, canary), nc), new Measure.Counts(s.binomial(nb, baseline), nb));
            }
            case COUNT -> new Sample(at, new Measure.Events(s.poisson(canary * minutes), minutes),
                    new Measure.Events(s.poisson(baseline * minutes), minutes));
            case GAUGE -> new Sample(at, new Measure.Value(canary * (1 + noise * s.gaussian())),
                    new Measure.Value(baseline * (1 + noise * s.gaussian())));
            case CHECK -> throw new IllegalArgumentException(metric + ": a check is reported, not sampled");
        };
    }

    /** Tick k's share of round(per tick × k): fractional sessions add up instead of being lost to rounding. */
    private static long step(double perTick, int k) {
        return Math.round(perTick * k) - Math.round(perTick * (k - 1));
    }
}
