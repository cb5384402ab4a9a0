package dev.ringmaster.core.gate;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Judges one gate or halt rule on one metric's samples: PASS, FAIL or INCONCLUSIVE, with evidence. The tests are
 * always valid (a mixture SPRT per metric kind, see docs/gates.md): a healthy build is FAILed with probability at
 * most {@code alphaFail} however often it is judged. Pure: no clock, no I/O, no randomness.
 */
public final class GateEngine {
    /** Default margin when the bound sits at or inside the healthy value (maxRelative ≤ 1, minRelative ≥ 1). */
    public static final double DEFAULT_MARGIN = 0.10;

    public Verdict judge(Criterion criterion, MetricKind kind, MetricSeries series, Thresholds t) {
        List<Sample> samples = series.samples();
        int to = samples.size();
        while (to > 0 && samples.get(to - 1).at().isAfter(t.now())) {
            to--;
        }
        Statistic statistic = statistic(criterion, kind, samples, t, series.aggregate());
        Verdict current = statistic.judge(start(samples, criterion.window(), t.now(), to), to);
        Duration sustain = criterion.sustain();
        if (sustain == null || sustain.isZero() || sustain.isNegative()) {
            return current;
        }
        if (series.aggregate()) {
            return amend(current, current.outcome(), current.evidence().reason()
                    + " (the " + Report.duration(sustain) + " `for` cannot be checked on a single aggregate snapshot)",
                    current.evidence().samplesNeeded());
        }
        return current.failed() ? sustained(statistic, samples, criterion, t, to, current) : current;
    }

    /**
     * The margin a PASS must rule out: the criterion's own, else 10 % when the bound is at or inside the healthy
     * value, where without it a healthy build could never PASS; else none.
     */
    static double margin(Criterion criterion) {
        if (criterion.margin() != null) {
            return criterion.margin();
        }
        Bound b = criterion.bound();
        boolean atHealthy = (b.type() == Bound.Type.MAX_RELATIVE && b.value() <= 1.0)
                || (b.type() == Bound.Type.MIN_RELATIVE && b.value() >= 1.0);
        return atHealthy ? DEFAULT_MARGIN : 0;
    }

    private static Statistic statistic(Criterion criterion, MetricKind kind, List<Sample> samples, Thresholds t,
                                       boolean aggregate) {
        Bound bound = criterion.bound();
        if (kind != MetricKind.CHECK && bound.type() == Bound.Type.PASS) {
            throw new IllegalArgumentException(criterion.describe() + ": only a check metric can be required to pass");
        }
        double margin = margin(criterion);
        return switch (kind) {
            case CHECK -> new CheckJudge(criterion, t, samples);
            case GAUGE -> new GaugeTest(criterion, t, samples, margin, aggregate);
            case RATE -> bound.relative() ? new RelativeRateTest(criterion, t, kind, samples, margin)
                    : new RateTest(criterion, t, samples, margin);
            case COUNT -> bound.relative() ? new RelativeRateTest(criterion, t, kind, samples, margin)
                    : new CountTest(criterion, t, samples, margin);
        };
    }

    /** First index of the trailing window ending at {@code end} (samples at > end − window); 0 without one. */
    private static int start(List<Sample> samples, Duration window, Instant end, int to) {
        if (window == null) {
            return 0;
        }
        Instant edge = end.minus(window);
        int lo = 0;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (samples.get(mid).at().isAfter(edge)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Prometheus {@code for}, with confidence: walking back from the newest sample, each judged on the data up
     * to it, the run of FAILs must reach back to now − sustain. A missing sample breaks the run.
     */
    private static Verdict sustained(Statistic statistic, List<Sample> samples, Criterion criterion, Thresholds t,
                                     int to, Verdict current) {
        Instant need = t.now().minus(criterion.sustain());
        Duration window = criterion.window();
        int from = to;
        Instant runStart = null;
        for (int i = to - 1; i >= 0 && statistic.present(i); i--) {
            Instant at = samples.get(i).at();
            if (window != null) {
                // The window start only moves back as i does: one pass over the series in all.
                Instant edge = at.minus(window);
                while (from > 0 && samples.get(from - 1).at().isAfter(edge)) {
                    from--;
                }
            }
            if (statistic.outcome(window == null ? 0 : Math.min(from, i), i + 1) != Outcome.FAIL) {
                break;
            }
            runStart = at;
            if (!at.isAfter(need)) {
                return current;
            }
        }
        Duration held = runStart == null ? Duration.ZERO : Duration.between(runStart, t.now());
        return amend(current, Outcome.INCONCLUSIVE, "breached for " + Report.duration(held) + " of the required "
                + Report.duration(criterion.sustain()) + ": " + current.evidence().reason(), -1);
    }

    private static Verdict amend(Verdict v, Outcome outcome, String reason, long samplesNeeded) {
        Evidence e = v.evidence();
        return new Verdict(outcome, new Evidence(e.criterion(), e.estimate(), e.lower(), e.upper(), e.bound(),
                e.sampleSize(), e.confidence(), e.method(), reason, samplesNeeded));
    }
}
