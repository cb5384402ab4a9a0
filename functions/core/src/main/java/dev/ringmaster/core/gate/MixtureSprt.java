package dev.ringmaster.core.gate;

/**
 * A discrete-mixture SPRT over one parameter θ: the weighted average of the likelihood ratios of a fixed grid
 * of alternatives against a null value θ0 (weights fixed before any data, summing to 1). Each ratio is a nonnegative supermartingale under the
 * one-sided null, so their average is too, and by Ville's inequality P(ever Λ ≥ 1/α) ≤ α however often it is
 * looked at. Everything is in log space (log-sum-exp) because the ratios overflow after a few thousand trials.
 */
final class MixtureSprt {

    /** Log likelihood ratio of θ1 against θ0 on the data seen so far. */
    @FunctionalInterface
    interface Llr {
        double at(double theta0, double theta1);
    }

    /** Where grid step {@code step} puts the alternative for null value θ0 (θ0·step, θ0 + step·σ, …). */
    @FunctionalInterface
    interface Grid {
        double alternative(double theta0, double step);
    }

    /** How the interval search moves over θ: linear for gauges, log for ratios and event rates, logit for rates. */
    enum Scale {
        LINEAR, LOG, LOGIT
    }

    /**
     * Outcome and always-valid interval in θ's units; {@code moreFactor} is how many times the data seen would
     * have to be added again (at the same estimate) to decide, NaN when that would never decide.
     */
    record Result(Outcome outcome, double lower, double upper, double moreFactor) {
    }

    // 28 halvings of a logit-scale bracket leave an error far below the four digits an interval is shown with.
    private static final int BISECTIONS = 28;
    private static final int MAX_DOUBLINGS = 60;

    private final Llr llr;
    private final Grid grid;
    private final double[] above;
    private final double[] aboveWeights;
    private final double[] below;
    private final double[] belowWeights;
    private final Scale scale;
    private final double unit;

    /**
     * @param above grid steps for alternatives above a null value (evidence that θ is larger)
     * @param below grid steps for alternatives below a null value
     * @param unit  first step of the interval search on the LINEAR scale (the standard error)
     */
    MixtureSprt(Llr llr, Grid grid, double[] above, double[] below, Scale scale, double unit) {
        this(llr, grid, above, uniform(above.length), below, uniform(below.length), scale, unit);
    }

    MixtureSprt(Llr llr, Grid grid, double[] above, double[] aboveWeights, double[] below, double[] belowWeights,
                Scale scale, double unit) {
        this.llr = llr;
        this.grid = grid;
        this.above = above;
        this.aboveWeights = aboveWeights;
        this.below = below;
        this.belowWeights = belowWeights;
        this.scale = scale;
        this.unit = unit;
    }

    /** log Λ against the null "θ ≤ θ0". */
    double logAbove(double theta0) {
        return logMixture(llrs(theta0, above), aboveWeights);
    }

    /** log Λ against the null "θ ≥ θ0". */
    double logBelow(double theta0) {
        return logMixture(llrs(theta0, below), belowWeights);
    }

    /**
     * Just the outcome, for the sustain walk. {@code upper}: larger θ is worse; FAIL tests the null "bound holds"
     * at {@code bound}, PASS the null "bound broken by more than the margin" at {@code passBound}.
     */
    Outcome outcome(boolean upper, double bound, double passBound, double alphaFail, double alphaPass) {
        double fail = upper ? logAbove(bound) : logBelow(bound);
        if (fail >= threshold(alphaFail)) {
            return Outcome.FAIL;
        }
        double pass = upper ? logBelow(passBound) : logAbove(passBound);
        return pass >= threshold(alphaPass) ? Outcome.PASS : Outcome.INCONCLUSIVE;
    }

    Result decide(boolean upper, double bound, double passBound, double alphaFail, double alphaPass, double estimate,
                  boolean intervals) {
        Outcome outcome = outcome(upper, bound, passBound, alphaFail, alphaPass);
        if (!intervals) {
            return new Result(outcome, Double.NaN, Double.NaN, Double.NaN);
        }
        double more = Double.NaN;
        if (outcome == Outcome.INCONCLUSIVE) {
            if (upper ? estimate > bound : estimate < bound) {
                more = moreFactor(llrs(bound, upper ? above : below), upper ? aboveWeights : belowWeights,
                        threshold(alphaFail));
            } else if (upper ? estimate < passBound : estimate > passBound) {
                more = moreFactor(llrs(passBound, upper ? below : above), upper ? belowWeights : aboveWeights,
                        threshold(alphaPass));
            }
        }
        return new Result(outcome, lower(alphaFail, estimate), upper(alphaFail, estimate), more);
    }

    /** Always-valid lower confidence limit at 1 − α: the smallest θ0 whose "θ ≤ θ0" is not rejected. */
    double lower(double alpha, double estimate) {
        return limit(alpha, estimate, -1);
    }

    /** Always-valid upper confidence limit at 1 − α: the largest θ0 whose "θ ≥ θ0" is not rejected. */
    double upper(double alpha, double estimate) {
        return limit(alpha, estimate, +1);
    }

    /** The mirror image of a multiplicative grid: steps for a lower bound from those for an upper one. */
    static double[] reciprocal(double[] steps) {
        double[] out = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = 1 / steps[i];
        }
        return out;
    }

    static double threshold(double alpha) {
        return -Math.log(alpha);
    }

    private double limit(double alpha, double estimate, int direction) {
        double edge = direction < 0 ? domainMin() : domainMax();
        if (Double.isNaN(estimate) || estimate == edge) {
            return Double.isNaN(estimate) ? Double.NaN : edge;
        }
        double t = threshold(alpha);
        double start = toU(clamp(estimate));
        if (rejected(start, direction, t)) {
            return estimate;
        }
        double step = scale == Scale.LINEAR ? unit : 0.5;
        double inside = start;
        double outside = start + direction * step;
        int doublings = 0;
        while (!rejected(outside, direction, t)) {
            if (++doublings > MAX_DOUBLINGS) {
                return edge;
            }
            inside = outside;
            step *= 2;
            outside = start + direction * step;
        }
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = (inside + outside) / 2;
            if (rejected(mid, direction, t)) {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        return fromU(inside);
    }

    /** A lower limit inverts the "θ ≤ θ0" tests, an upper one the "θ ≥ θ0" tests. */
    private boolean rejected(double u, int direction, double threshold) {
        double theta0 = fromU(u);
        return (direction < 0 ? logAbove(theta0) : logBelow(theta0)) >= threshold;
    }

    private double[] llrs(double theta0, double[] steps) {
        double[] out = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = llr.at(theta0, grid.alternative(theta0, steps[i]));
        }
        return out;
    }

    /**
     * The FAIL grids' prior: the alternative at {@code centre} (2× the bound) gets the most weight and each grid
     * step away from it half as much, normalised to 1. A regression at 2× the bound then costs ln(Σ) ≈ 1 nat in
     * the threshold instead of ln K ≈ 1.8–1.9; one just past the bound pays about 1.2 nats more, on a test that
     * takes days at any weighting (docs/gates.md, "The weights").
     */
    static double[] halving(double[] steps, double centre) {
        int peak = 0;
        for (int i = 1; i < steps.length; i++) {
            if (Math.abs(Math.log(steps[i] / centre)) < Math.abs(Math.log(steps[peak] / centre))) {
                peak = i;
            }
        }
        double[] w = new double[steps.length];
        double sum = 0;
        for (int i = 0; i < steps.length; i++) {
            w[i] = Math.pow(0.5, Math.abs(i - peak));
            sum += w[i];
        }
        for (int i = 0; i < steps.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** Equal weights: 1/K each. */
    static double[] uniform(int k) {
        double[] w = new double[k];
        java.util.Arrays.fill(w, 1.0 / k);
        return w;
    }

    /** log of the weighted average of exp(l_i). */
    static double logMixture(double[] l, double[] w) {
        return logMixture(l, w, 1.0);
    }

    private static double logMixture(double[] l, double[] w, double k) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : l) {
            max = Math.max(max, k * v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int i = 0; i < l.length; i++) {
            sum += w[i] * Math.exp(k * l[i] - max);
        }
        return max + Math.log(sum);
    }

    /**
     * Every LLR here is linear in the sufficient statistics, so with k times the data at the same estimate the
     * mixture is logMixture(k·l). Solve for the k that reaches the threshold; the best alternative alone,
     * k·l_j + ln w_j ≥ t, brackets it.
     */
    static double moreFactor(double[] l, double[] w, double threshold) {
        int best = 0;
        for (int i = 1; i < l.length; i++) {
            if (l[i] > l[best]) {
                best = i;
            }
        }
        if (!(l[best] > 0)) {
            return Double.NaN;
        }
        double lo = 1;
        double hi = Math.max(1, (threshold - Math.log(w[best])) / l[best]);
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = (lo + hi) / 2;
            if (logMixture(l, w, mid) >= threshold) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi - 1;
    }

    private double domainMin() {
        return scale == Scale.LINEAR ? Double.NEGATIVE_INFINITY : 0;
    }

    private double domainMax() {
        return switch (scale) {
            case LINEAR, LOG -> Double.POSITIVE_INFINITY;
            case LOGIT -> 1;
        };
    }

    /** Keeps the search start finite: a zero or infinite estimate starts just inside the domain. */
    private double clamp(double theta) {
        return switch (scale) {
            case LINEAR -> theta;
            case LOG -> Math.min(Math.max(theta, 1e-12), 1e12);
            case LOGIT -> Math.min(Math.max(theta, 1e-15), 1 - 1e-15);
        };
    }

    private double toU(double theta) {
        return switch (scale) {
            case LINEAR -> theta;
            case LOG -> Math.log(theta);
            case LOGIT -> Math.log(theta) - Math.log1p(-theta);
        };
    }

    private double fromU(double u) {
        return switch (scale) {
            case LINEAR -> u;
            case LOG -> Math.exp(u);
            case LOGIT -> 1 / (1 + Math.exp(-u));
        };
    }
}
