package dev.ringmaster.core.gate;

import java.util.List;

/**
 * Bound on a gauge (a value per tick): a Gaussian mixture SPRT on the mean of the per-tick differences
 * d = v − bound (absolute) or d = ln(v_canary) − ln(r·v_baseline) (relative, ticks with both sides), oriented
 * so that d > 0 breaks the bound. σ is the sample standard deviation plugged in, which makes the test
 * approximate for few values; the grid is in units of σ, so it adapts to the metric's own noise.
 */
final class GaugeTest implements Statistic {
    static final double[] ABOVE = {0.25, 0.5, 1, 2, 4};
    static final double[] BELOW = {-0.25, -0.5, -1, -2, -4};
    static final int MIN_VALUES = 3;
    static final String METHOD = "mixture SPRT, Gaussian (plug-in σ)";
    static final String POINT = "point comparison of an aggregate value (no sampling error available)";

    private final Criterion criterion;
    private final Thresholds t;
    private final boolean relative;
    private final boolean upper;
    private final boolean aggregate;
    private final double bound;
    private final double thetaPass;
    private final double sigmaFloor;
    private final List<Sample> samples;
    /** d is stored shifted by the first present d, so the prefix sum of squares keeps its precision. */
    private final double shift;
    private final double[] sum;
    private final double[] squares;
    private final int[] count;

    GaugeTest(Criterion criterion, Thresholds t, List<Sample> samples, double margin, boolean aggregate) {
        this.criterion = criterion;
        this.t = t;
        this.samples = samples;
        this.aggregate = aggregate;
        this.relative = criterion.bound().relative();
        this.upper = criterion.bound().upper();
        this.bound = criterion.bound().value();
        if (relative && !(bound > 0)) {
            throw new IllegalArgumentException(criterion.describe() + ": a relative bound must be positive");
        }
        this.thetaPass = thetaPass(relative, bound, margin);
        this.sigmaFloor = sigmaFloor(relative, bound);
        int n = samples.size();
        sum = new double[n + 1];
        squares = new double[n + 1];
        count = new int[n + 1];
        double first = Double.NaN;
        for (int i = 0; i < n; i++) {
            boolean present = present(i);
            double d = present ? difference(i) : 0;
            if (present && Double.isNaN(first)) {
                first = d;
            }
            double shifted = present ? d - first : 0;
            sum[i + 1] = sum[i] + shifted;
            squares[i + 1] = squares[i] + shifted * shifted;
            count[i + 1] = count[i] + (present ? 1 : 0);
        }
        this.shift = Double.isNaN(first) ? 0 : first;
    }

    @Override
    public boolean present(int i) {
        return !Double.isNaN(difference(samples.get(i), relative, upper, bound));
    }

    private double difference(int i) {
        return difference(samples.get(i), relative, upper, bound);
    }

    @Override
    public Outcome outcome(int from, int to, double alphaFail) {
        int n = count[to] - count[from];
        if (n < MIN_VALUES) {
            return aggregate && n > 0 ? point(from, to) : Outcome.INCONCLUSIVE;
        }
        return outcome(n, mean(from, to, n), sigma(from, to, n), thetaPass, alphaFail, t.alphaPass());
    }

    @Override
    public Verdict judge(int from, int to, double alphaFail) {
        int n = count[to] - count[from];
        if (aggregate && n > 0 && n < MIN_VALUES) {
            Thresholds t = this.t.withAlphaFail(alphaFail);
            double v = toUser(difference(latest(from, to)));
            Outcome o = point(from, to);
            String reason = (relative ? "ratio " : "value ") + Report.num(v)
                    + (o == Outcome.PASS ? " within " : " beyond ") + criterion.bound().describe();
            return Report.plain(o, criterion, t, v, bound, n, POINT, reason, -1);
        }
        return judge(n, n == 0 ? Double.NaN : mean(from, to, n), n < MIN_VALUES ? Double.NaN : sigma(from, to, n), alphaFail);
    }

    /** The verdict on sufficient statistics alone: n oriented differences with this mean and σ (GateTracker's). */
    Verdict judge(int n, double mean, double sigma, double alphaFail) {
        Thresholds t = this.t.withAlphaFail(alphaFail);
        if (n == 0) {
            return Report.noData(criterion, t, bound, METHOD, relative
                    ? "no data: no tick in scope has both a canary and a baseline value" : "no data in scope");
        }
        if (n < MIN_VALUES) {
            return Report.plain(Outcome.INCONCLUSIVE, criterion, t, toUser(mean), bound, n, METHOD,
                    n + " of the " + MIN_VALUES + " values needed to estimate the noise", MIN_VALUES - n);
        }
        MixtureSprt.Result r = sprt(n, mean, sigma).decide(true, 0, thetaPass, t.alphaFail(), t.alphaPass(), mean, t.intervals());
        double lo = toUser(upper ? r.lower() : r.upper());
        double hi = toUser(upper ? r.upper() : r.lower());
        r = new MixtureSprt.Result(r.outcome(), lo, hi, r.moreFactor());
        double estimate = toUser(mean);
        String observed = relative
                ? "canary/baseline " + Report.num(estimate) + ", geometric mean of " + n + " ticks, sd of log ratio "
                        + Report.num(sigma)
                : "mean " + Report.num(estimate) + " over " + n + " values, sd " + Report.num(sigma);
        return Report.sequential(criterion, t, METHOD, r, upper, estimate, bound, toUser(thetaPass), n, "values",
                observed);
    }

    /** Back from the oriented difference to the user's units: the value, or the canary/baseline ratio. */
    private double toUser(double theta) {
        double d = upper ? theta : -theta;
        return relative ? bound * Math.exp(d) : bound + d;
    }

    private Outcome point(int from, int to) {
        return difference(latest(from, to)) <= 0 ? Outcome.PASS : Outcome.FAIL;
    }

    private int latest(int from, int to) {
        int i = to - 1;
        while (!present(i)) {
            i--;
        }
        return i;
    }

    private double mean(int from, int to, int n) {
        return shift + (sum[to] - sum[from]) / n;
    }

    private double sigma(int from, int to, int n) {
        return sigma(n, sum[to] - sum[from], squares[to] - squares[from], sigmaFloor);
    }

    /** Sample standard deviation from the sums of (shifted) differences and their squares, floored. */
    static double sigma(int n, double sum, double squares, double floor) {
        double variance = (squares - sum * sum / n) / (n - 1);
        return Math.max(Math.sqrt(Math.max(variance, 0)), floor);
    }

    /** The decision on sufficient statistics alone: n oriented differences with this mean and σ. */
    static Outcome outcome(int n, double mean, double sigma, double thetaPass, double alphaFail, double alphaPass) {
        return sprt(n, mean, sigma).outcome(true, 0, thetaPass, alphaFail, alphaPass);
    }

    /** The PASS test's null: how far inside the bound a PASS must show the mean difference is. */
    static double thetaPass(boolean relative, double bound, double margin) {
        return relative ? Math.log1p(margin) : Math.abs(bound) * margin;
    }

    static double sigmaFloor(boolean relative, double bound) {
        return 1e-9 * (relative ? 1 : Math.max(1, Math.abs(bound)));
    }

    /** The oriented difference of one tick (d > 0 breaks the bound), or NaN when the tick cannot be used. */
    static double difference(Sample s, boolean relative, boolean upper, double bound) {
        if (!(s.canary() instanceof Measure.Value c)) {
            return Double.NaN;
        }
        if (relative && !(c.value() > 0 && s.baseline() instanceof Measure.Value b && b.value() > 0)) {
            return Double.NaN;
        }
        double v = c.value();
        double d = relative ? Math.log(v) - Math.log(bound * ((Measure.Value) s.baseline()).value()) : v - bound;
        return upper ? d : -d;
    }

    private static MixtureSprt sprt(int n, double mean, double sigma) {
        double v = sigma * sigma;
        MixtureSprt.Llr llr = (t0, t1) -> n * ((t1 - t0) * (mean - t0) - (t1 - t0) * (t1 - t0) / 2) / v;
        return new MixtureSprt(llr, (t0, step) -> t0 + step * sigma, ABOVE, BELOW, MixtureSprt.Scale.LINEAR,
                sigma / Math.sqrt(n));
    }
}
