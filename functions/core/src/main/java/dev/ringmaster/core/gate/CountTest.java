package dev.ringmaster.core.gate;

import java.util.List;

/**
 * Absolute bound on an event rate (events per minute, summed over the scope): a Poisson mixture SPRT on the
 * pooled events and minutes, with the rate grids. A bound of zero is {@link ZeroTolerance}.
 */
final class CountTest implements Statistic {
    static final String METHOD = "mixture SPRT, Poisson";

    private final Criterion criterion;
    private final Thresholds t;
    private final boolean upper;
    private final double lambda0;
    private final double passBound;
    private final double[] above;
    private final double[] below;
    private final List<Sample> samples;
    private final double[] events;
    private final double[] minutes;
    private final int[] ticks;

    CountTest(Criterion criterion, Thresholds t, List<Sample> samples, double margin) {
        this.criterion = criterion;
        this.t = t;
        this.samples = samples;
        this.upper = criterion.bound().upper();
        this.lambda0 = criterion.bound().value();
        if (lambda0 < 0) {
            throw new IllegalArgumentException(criterion.describe() + ": an event rate bound must be ≥ 0");
        }
        this.passBound = upper ? lambda0 * (1 + margin) : lambda0 / (1 + margin);
        this.above = upper ? RateTest.FAIL_STEPS : MixtureSprt.reciprocal(RateTest.PASS_STEPS);
        this.below = upper ? RateTest.PASS_STEPS : MixtureSprt.reciprocal(RateTest.FAIL_STEPS);
        int n = samples.size();
        events = new double[n + 1];
        minutes = new double[n + 1];
        ticks = new int[n + 1];
        for (int i = 0; i < n; i++) {
            Measure m = samples.get(i).canary();
            Measure.Events e = m instanceof Measure.Events ev ? ev : new Measure.Events(0, 0);
            events[i + 1] = events[i] + e.events();
            minutes[i + 1] = minutes[i] + e.minutes();
            ticks[i + 1] = ticks[i] + (present(i) ? 1 : 0);
        }
    }

    @Override
    public boolean present(int i) {
        return samples.get(i).canary() instanceof Measure.Events;
    }

    @Override
    public Outcome outcome(int from, int to, double alphaFail) {
        double m = minutes[to] - minutes[from];
        double x = events[to] - events[from];
        if (lambda0 == 0) {
            return upper ? ZeroTolerance.outcome(x, ticks[to] - ticks[from], covers(m))
                    : ticks[to] > ticks[from] ? Outcome.PASS : Outcome.INCONCLUSIVE;
        }
        return outcome(x, m, upper, lambda0, passBound, alphaFail, t.alphaPass());
    }

    /** The decision on sufficient statistics alone: x events in m minutes against a nonzero bound lambda0. */
    static Outcome outcome(double x, double m, boolean upper, double lambda0, double passBound, double alphaFail,
                           double alphaPass) {
        return m <= 0 ? Outcome.INCONCLUSIVE : sprt(x, m, upper).outcome(upper, lambda0, passBound, alphaFail, alphaPass);
    }

    /** The FAIL grid's steps: above the bound for a max, below it for a min. */
    static double[] failSteps(boolean upper) {
        return upper ? RateTest.FAIL_STEPS : MixtureSprt.reciprocal(RateTest.FAIL_STEPS);
    }

    @Override
    public Verdict judge(int from, int to, double alphaFail) {
        Thresholds t = this.t.withAlphaFail(alphaFail);
        double m = minutes[to] - minutes[from];
        double x = events[to] - events[from];
        long k = ticks[to] - ticks[from];
        if (k == 0) {
            return Report.noData(criterion, t, lambda0, METHOD, "no data in scope");
        }
        String observed = Report.count(x) + " events in " + Report.count(m) + " minutes ("
                + Report.num(m > 0 ? x / m : Double.NaN) + "/min)";
        if (lambda0 == 0) {
            if (!upper) {
                return Report.plain(Outcome.PASS, criterion, t, x / m, 0, Math.round(m), METHOD,
                        observed + ": an event rate is never below 0", -1);
            }
            String coverage = criterion.window() == null ? ""
                    : Report.count(m) + " minutes of the " + Report.duration(criterion.window()) + " window";
            String failed = Report.count(x) + (x == 1 ? " event" : " events") + ", bound 0";
            return ZeroTolerance.verdict(criterion, t, x, k, covers(m), m > 0 ? x / m : Double.NaN,
                    Math.round(m), "minutes", failed, coverage);
        }
        if (m <= 0) {
            return Report.noData(criterion, t, lambda0, METHOD, "no data: no minutes observed in scope");
        }
        MixtureSprt.Result r = sprt(x, m, upper).decide(upper, lambda0, passBound, t.alphaFail(), t.alphaPass(), x / m, t.intervals());
        return Report.sequential(criterion, t, METHOD, r, upper, x / m, lambda0, passBound, Math.round(m), "minutes",
                observed);
    }

    @Override
    public Changes changes() {
        if (lambda0 == 0) {
            return null;
        }
        double[] steps = upper ? above : below;
        double[] alternatives = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            alternatives[k] = lambda0 * steps[k];
        }
        double[] logRatio = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            logRatio[k] = Math.log(steps[k]);
        }
        return new Changes(alternatives, RateTest.FAIL_WEIGHTS, (from, to, out) -> {
            double x = events[to] - events[from];
            double m = minutes[to] - minutes[from];
            for (int k = 0; k < out.length; k++) {
                out[k] = x * logRatio[k] - (alternatives[k] - lambda0) * m;
            }
        }, true);
    }

    static double llr(double x, double m, double l0, double l1) {
        return x * (Math.log(l1) - Math.log(l0)) - (l1 - l0) * m;
    }

    private static MixtureSprt sprt(double x, double m, boolean upper) {
        double[] above = upper ? RateTest.FAIL_STEPS : MixtureSprt.reciprocal(RateTest.PASS_STEPS);
        double[] below = upper ? RateTest.PASS_STEPS : MixtureSprt.reciprocal(RateTest.FAIL_STEPS);
        // The FAIL side carries the rate test's FAIL weights whichever way the bound points.
        double[] aboveWeights = upper ? RateTest.FAIL_WEIGHTS : MixtureSprt.uniform(above.length);
        double[] belowWeights = upper ? MixtureSprt.uniform(below.length) : RateTest.FAIL_WEIGHTS;
        return new MixtureSprt((l0, l1) -> llr(x, m, l0, l1), (l0, step) -> l0 * step, above, aboveWeights, below,
                belowWeights, MixtureSprt.Scale.LOG, 0);
    }

    /** Zero events prove something only over the whole window; with no window, over any data at all. */
    private boolean covers(double observedMinutes) {
        return criterion.window() == null || observedMinutes >= criterion.window().toSeconds() / 60.0 - 1e-9;
    }
}
