package dev.ringmaster.core.gate;

import dev.ringmaster.core.plan.Bound;
import java.time.Duration;
import java.util.List;

/**
 * Absolute bound on a rate (bad / total per tick, summed over the scope): a Bernoulli mixture SPRT on the
 * pooled counts. A {@code min} bound (success rates) is mirrored onto the complement, q = 1 − rate, so one
 * machinery serves both directions.
 */
final class RateTest implements Statistic {
    static final double[] FAIL_STEPS = {1.1, 1.25, 1.5, 2, 3, 5, 10};
    static final double[] FAIL_WEIGHTS = MixtureSprt.halving(FAIL_STEPS, 2);
    static final double[] PASS_STEPS = {0.9, 0.75, 0.5, 0.25, 0.1};
    static final String METHOD = "mixture SPRT, Bernoulli";

    private final Criterion criterion;
    private final Thresholds t;
    private final boolean mirrored;
    private final double q0;
    private final double qPass;
    private final List<Sample> samples;
    /** Prefix sums: events on the "worse" side (bad for max, total − counted for min), trials, data ticks. */
    private final double[] events;
    private final double[] trials;
    private final int[] ticks;

    RateTest(Criterion criterion, Thresholds t, List<Sample> samples, double margin) {
        double p0 = criterion.bound().value();
        if (p0 < 0 || p0 > 1) {
            throw new IllegalArgumentException(criterion.describe() + ": a rate bound must lie in [0, 1]");
        }
        this.criterion = criterion;
        this.t = t;
        this.samples = samples;
        this.mirrored = criterion.bound().type() == Bound.Type.MIN;
        this.q0 = mirrored ? 1 - p0 : p0;
        this.qPass = passBound(q0, margin);
        int n = samples.size();
        events = new double[n + 1];
        trials = new double[n + 1];
        ticks = new int[n + 1];
        for (int i = 0; i < n; i++) {
            double x = 0;
            double total = 0;
            if (samples.get(i).canary() instanceof Measure.Counts c) {
                x = mirrored ? c.total() - c.bad() : c.bad();
                total = c.total();
            }
            events[i + 1] = events[i] + x;
            trials[i + 1] = trials[i] + total;
            ticks[i + 1] = ticks[i] + (present(i) ? 1 : 0);
        }
    }

    @Override
    public boolean present(int i) {
        return samples.get(i).canary() instanceof Measure.Counts;
    }

    @Override
    public Outcome outcome(int from, int to, double alphaFail) {
        double n = trials[to] - trials[from];
        if (n <= 0) {
            return Outcome.INCONCLUSIVE;
        }
        double x = events[to] - events[from];
        if (q0 == 0) {
            return ZeroTolerance.outcome(x, ticks[to] - ticks[from], covers(from, to));
        }
        if (q0 >= 1) {
            return Outcome.PASS;
        }
        return outcome(x, n, q0, qPass, alphaFail, t.alphaPass());
    }

    /** Keep the PASS null a proper rate; past (1 + q0) / 2 a margin would make PASS trivial. */
    static double passBound(double q0, double margin) {
        return Math.min(q0 * (1 + margin), (1 + q0) / 2);
    }

    /** The decision on sufficient statistics alone, for a max bound q0 on the rate x / n. */
    static Outcome outcome(double x, double n, double q0, double qPass, double alphaFail, double alphaPass) {
        return sprt(x, n).outcome(true, q0, qPass, alphaFail, alphaPass);
    }

    @Override
    public Verdict judge(int from, int to, double alphaFail) {
        Thresholds t = this.t.withAlphaFail(alphaFail);
        double n = trials[to] - trials[from];
        double x = events[to] - events[from];
        double bound = criterion.bound().value();
        if (n <= 0) {
            return Report.noData(criterion, t, bound, METHOD, "no data: no trials in scope");
        }
        double counted = mirrored ? n - x : x;
        String observed = Report.count(counted) + " of " + Report.count(n) + " trials ("
                + Report.percent(counted / n) + ")";
        if (q0 == 0) {
            long k = ticks[to] - ticks[from];
            String failed = Report.count(x) + " of " + Report.count(n) + " trials"
                    + (mirrored ? " not counted, bound 1" : " counted, bound 0");
            String coverage = criterion.window() == null ? "" : k + " ticks spanning "
                    + Report.duration(span(from, to)) + " of the " + Report.duration(criterion.window()) + " window";
            return ZeroTolerance.verdict(criterion, t, x, k, covers(from, to), counted / n, Math.round(n), "trials",
                    failed, coverage);
        }
        if (q0 >= 1) {
            return Report.plain(Outcome.PASS, criterion, t, counted / n, bound, Math.round(n), METHOD,
                    observed + ": a rate always lies within " + Report.num(bound), -1);
        }
        MixtureSprt.Result r = sprt(x, n).decide(true, q0, qPass, t.alphaFail(), t.alphaPass(), x / n, t.intervals());
        if (mirrored) {
            r = new MixtureSprt.Result(r.outcome(), 1 - r.upper(), 1 - r.lower(), r.moreFactor());
        }
        return Report.sequential(criterion, t, METHOD, r, !mirrored, counted / n, bound,
                mirrored ? 1 - qPass : qPass, Math.round(n), "trials", observed);
    }

    @Override
    public Changes changes() {
        if (q0 == 0 || q0 >= 1) {
            return null;
        }
        double[] alternatives = new double[FAIL_STEPS.length];
        for (int k = 0; k < alternatives.length; k++) {
            alternatives[k] = GRID.alternative(q0, FAIL_STEPS[k]);
        }
        double[][] c = coefficients(q0, alternatives);
        return new Changes(alternatives, FAIL_WEIGHTS,
                (from, to, out) -> llrs(events[to] - events[from], trials[to] - trials[from], c, out), true);
    }

    /** Per alternative p1: ln(p1/p0) and ln((1 − p1)/(1 − p0)), so a tick's LLR is two multiply-adds, no log. */
    static double[][] coefficients(double p0, double[] alternatives) {
        double[][] c = new double[2][alternatives.length];
        for (int k = 0; k < alternatives.length; k++) {
            c[0][k] = Math.log(alternatives[k]) - Math.log(p0);
            c[1][k] = Math.log1p(-alternatives[k]) - Math.log1p(-p0);
        }
        return c;
    }

    /** x bad of n trials: each alternative's LLR against p0, from its {@link #coefficients}. */
    static void llrs(double x, double n, double[][] c, double[] out) {
        for (int k = 0; k < out.length; k++) {
            out[k] = x * c[0][k] + (n - x) * c[1][k];
        }
    }

    static double llr(double x, double n, double p0, double p1) {
        return x * (Math.log(p1) - Math.log(p0)) + (n - x) * (Math.log1p(-p1) - Math.log1p(-p0));
    }

    /** Alternatives above p0 are capped halfway to 1 so a large step stays a rate. */
    static final MixtureSprt.Grid GRID = (p0, step) -> step > 1 ? Math.min(p0 * step, (1 + p0) / 2) : p0 * step;

    private static MixtureSprt sprt(double x, double n) {
        return new MixtureSprt((p0, p1) -> llr(x, n, p0, p1), GRID, FAIL_STEPS, FAIL_WEIGHTS, PASS_STEPS,
                MixtureSprt.uniform(PASS_STEPS.length), MixtureSprt.Scale.LOGIT, 0);
    }

    /** Without per-tick durations, k ticks spanning s are taken to cover s·k/(k−1): one tick interval more. */
    private boolean covers(int from, int to) {
        Duration window = criterion.window();
        if (window == null) {
            return true;
        }
        long k = ticks[to] - ticks[from];
        return k >= 2 && span(from, to).toMillis() * k / (k - 1) >= window.toMillis();
    }

    /** From the oldest to the newest data tick in range; scans inward from both ends, so gaps alone cost. */
    private Duration span(int from, int to) {
        int first = from;
        while (first < to && !present(first)) {
            first++;
        }
        int last = to - 1;
        while (last > first && !present(last)) {
            last--;
        }
        return first >= to ? Duration.ZERO : Duration.between(samples.get(first).at(), samples.get(last).at());
    }
}
