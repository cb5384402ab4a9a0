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

    /** The share of a gate's alphaFail kept by the cumulative test; the change detector gets the rest. */
    static final double CUMULATIVE_SHARE = 0.75;

    public Verdict judge(Criterion criterion, MetricKind kind, MetricSeries series, Thresholds t) {
        List<Sample> samples = series.samples();
        int to = samples.size();
        while (to > 0 && samples.get(to - 1).at().isAfter(t.now())) {
            to--;
        }
        Statistic statistic = statistic(criterion, kind, samples, t, series.aggregate());
        Duration sustain = criterion.sustain();
        boolean sustained = sustain != null && !sustain.isZero() && !sustain.isNegative();
        if (series.aggregate()) {
            Verdict current = statistic.judge(0, to, t.alphaFail());
            return !sustained ? current : amend(current, current.outcome(), current.evidence().reason()
                    + " (the " + Report.duration(sustain) + " `for` cannot be checked on a single aggregate snapshot)",
                    current.evidence().samplesNeeded());
        }
        Duration window = scope(criterion);
        if (window == null) {
            return cumulative(statistic, samples, to, t);
        }
        int from = start(samples, window, t.now(), to);
        Verdict current = statistic.judge(from, to, windowAlpha(samples, from, to, t));
        return sustained && current.failed() ? sustained(statistic, samples, criterion, window, t, to, current) : current;
    }

    /**
     * What a criterion looks at: its explicit window, else a halt rule's {@code for} (seed 004's
     * {@code rate(errors[5m]) > 0.01 for: 5m} is about the last five minutes), else everything since the phase began.
     */
    static Duration scope(Criterion criterion) {
        if (criterion.window() != null) {
            return criterion.window();
        }
        Duration sustain = criterion.sustain();
        return sustain == null || sustain.isZero() || sustain.isNegative() ? null : sustain;
    }

    /** A trailing window is one of many: it gets its start's share of alphaFail (docs/gates.md, Spending). */
    private static double windowAlpha(List<Sample> samples, int from, int to, Thresholds t) {
        if (from >= to) {
            return t.alphaFail();
        }
        return t.alphaFail() * Spending.share(t.phaseStart(), samples.get(from).at(), t.horizon(), Spending.STEP);
    }

    /**
     * Everything since the phase began, judged twice: by the cumulative test, which is fastest when the regression
     * was there from the start, and by the change detector, which does not spend the evidence gathered before a
     * regression that starts mid-phase. They split alphaFail (union bound).
     */
    private static Verdict cumulative(Statistic statistic, List<Sample> samples, int to, Thresholds t) {
        Statistic.Changes changes = statistic.changes();
        if (changes == null) {
            return statistic.judge(0, to, t.alphaFail());
        }
        Verdict current = statistic.judge(0, to, t.alphaFail() * CUMULATIVE_SHARE);
        if (current.failed()) {
            return current;
        }
        double alpha = t.alphaFail() * (1 - CUMULATIVE_SHARE);
        double[] alternatives = changes.alternatives();
        ChangeDetector detector = new ChangeDetector(alternatives, changes.weights(), t.phaseStart(), t.horizon());
        fold(statistic, changes, detector, samples, to);
        if (!detector.alarmed(alpha)) {
            return current;
        }
        int since = likelyStart(statistic, changes, detector, samples, to, t);
        Verdict recent = statistic.judge(since, to, alpha);
        return amend(recent, Outcome.FAIL, "changed since " + samples.get(since).at() + ": " + recent.evidence().reason()
                + " (change detector: e-value " + Report.num(Math.exp(detector.logE())) + " ≥ "
                + Report.num(1 / alpha) + ")", -1);
    }

    /**
     * Feeds the detector tick by tick; when the LLR is additive in the counts (absolute rates, event rates), a
     * block's ticks at once: the same sum, at a 12th of the cost for an hour of 5-minute ticks.
     */
    private static void fold(Statistic statistic, Statistic.Changes changes, ChangeDetector detector, List<Sample> samples,
                             int to) {
        double[] llr = new double[changes.alternatives().length];
        int first = -1;
        long block = -1;
        for (int i = 0; i < to; i++) {
            if (!statistic.present(i)) {
                continue;
            }
            if (!changes.additive()) {
                changes.llr().fill(i, i + 1, llr);
                detector.add(samples.get(i).at(), llr);
                continue;
            }
            long b = detector.blockOf(samples.get(i).at());
            if (b != block) {
                if (first >= 0) {
                    changes.llr().fill(first, i, llr);
                    detector.add(samples.get(first).at(), llr);
                }
                first = i;
                block = b;
            }
        }
        if (first >= 0) {
            changes.llr().fill(first, to, llr);
            detector.add(samples.get(first).at(), llr);
        }
    }

    /** The detector's start that carries the most weighted evidence: where the change most likely began. */
    private static int likelyStart(Statistic statistic, Statistic.Changes changes, ChangeDetector detector,
                                   List<Sample> samples, int to, Thresholds t) {
        double[] alternatives = changes.alternatives();
        double[] llr = new double[alternatives.length];
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        long block = 0;
        for (int i = 0; i < to; i++) {
            long b = detector.blockOf(samples.get(i).at());
            if (b <= block || !statistic.present(i)) {
                continue;
            }
            block = b;
            changes.llr().fill(i, to, llr);
            double score = Math.log(detector.startShare(b)) + MixtureSprt.logMixture(llr, changes.weights());
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
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
     * Prometheus {@code for}, with confidence: walking back from the newest sample, each judged on its own
     * trailing window, the run of FAILs must reach back to now − sustain. A missing sample breaks the run.
     */
    private static Verdict sustained(Statistic statistic, List<Sample> samples, Criterion criterion, Duration window,
                                     Thresholds t, int to, Verdict current) {
        Instant need = t.now().minus(criterion.sustain());
        int from = to;
        Instant runStart = null;
        for (int i = to - 1; i >= 0 && statistic.present(i); i--) {
            Instant at = samples.get(i).at();
            // The window start only moves back as i does: one pass over the series in all.
            Instant edge = at.minus(window);
            while (from > 0 && samples.get(from - 1).at().isAfter(edge)) {
                from--;
            }
            int first = Math.min(from, i);
            if (statistic.outcome(first, i + 1, windowAlpha(samples, first, i + 1, t)) != Outcome.FAIL) {
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

    static Verdict amend(Verdict v, Outcome outcome, String reason, long samplesNeeded) {
        Evidence e = v.evidence();
        return new Verdict(outcome, new Evidence(e.criterion(), e.estimate(), e.lower(), e.upper(), e.bound(),
                e.sampleSize(), e.confidence(), e.method(), reason, samplesNeeded));
    }
}
