package dev.ringmaster.bench.peers;

import java.util.Arrays;

/**
 * Two-sample Mann-Whitney (Wilcoxon rank-sum) for the shift canary − baseline, as kayenta-mannwhitney
 * computes it (PEERS.md "Kayenta", line 36; MannWhitney.scala ports R's {@code wilcox.test} with
 * {@code exact = FALSE, correct = TRUE}).
 *
 * <p>Kayenta finds each confidence limit as the root in μ of {@code (dz − ½·sign(dz))/σ ∓ z}, where dz is
 * the rank-sum statistic of canary − μ against the baseline minus its mean and σ its standard deviation
 * corrected for ties. That statistic is a step function of μ that only steps at pairwise differences
 * canary<sub>i</sub> − baseline<sub>j</sub>: with c of the N = n·m differences at or below μ, dz = N/2 − c.
 * So the root is the c-th smallest difference for the first c where the corrected statistic drops below
 * ±z, and this class returns that order statistic exactly (Kayenta's Brent solver approximates it to 1e-6),
 * without ever forming the N differences: {@link #kth} selects by bisection over the doubles, counting
 * differences below a value in one pass over the sorted samples. Between steps no canary − μ equals a
 * baseline value, so σ's tie correction counts the ties within each sample. The estimate is the Hodges–Lehmann median of the pairwise differences, where
 * Kayenta's zero of the same statistic lies.
 *
 * @param u        canary's U: pairs with canary above baseline, ties counting one half
 * @param estimate Hodges–Lehmann estimate E of the shift
 * @param lower    lower confidence limit of the shift
 * @param upper    upper confidence limit of the shift
 */
record MannWhitney(double u, double estimate, double lower, double upper) {

    static MannWhitney of(double[] canary, double[] baseline, double confidence) {
        if (canary.length == 0 || baseline.length == 0) {
            throw new IllegalArgumentException("Mann-Whitney needs samples on both sides");
        }
        double[] x = sorted(canary);
        double[] y = sorted(baseline);
        long pairs = (long) x.length * y.length;
        double estimate = pairs % 2 == 1 ? kth(x, y, pairs / 2 + 1) : (kth(x, y, pairs / 2) + kth(x, y, pairs / 2 + 1)) / 2;
        double sigma = sigma(x, y);
        double z = NormalQuantile.of(1 - (1 - confidence) / 2);
        double lower = kth(x, y, Math.max(1, firstCountBelow(z, pairs, sigma)));
        double upper = kth(x, y, Math.max(1, firstCountBelow(-z, pairs, sigma)));
        return new MannWhitney(u(x, y), estimate, lower, upper);
    }

    /** The smallest c in [0, N] whose corrected statistic is below {@code z}, or N when none is (R then takes the end of the range). */
    private static long firstCountBelow(double z, long pairs, double sigma) {
        long lo = 0;
        long hi = pairs;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            double dz = pairs / 2.0 - mid;
            if ((dz - 0.5 * Math.signum(dz)) / sigma < z) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** σ of the rank sum with R's tie correction, over the ties within each sample. */
    private static double sigma(double[] x, double[] y) {
        double n = x.length;
        double m = y.length;
        double all = n + m;
        double ties = tieTerm(x) + tieTerm(y);
        return Math.sqrt(n * m / 12 * ((all + 1) - ties / (all * (all - 1))));
    }

    /** Σ (t³ − t) over the runs of equal values of a sorted sample. */
    private static double tieTerm(double[] sorted) {
        double sum = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            sum += t * t * t - t;
            i = j;
        }
        return sum;
    }

    private static double u(double[] x, double[] y) {
        double u = 0;
        int below = 0;
        int atOrBelow = 0;
        for (double xi : x) {
            while (below < y.length && y[below] < xi) {
                below++;
            }
            atOrBelow = Math.max(atOrBelow, below);
            while (atOrBelow < y.length && y[atOrBelow] == xi) {
                atOrBelow++;
            }
            u += below + 0.5 * (atOrBelow - below);
        }
        return u;
    }

    /**
     * The k-th smallest (1-based) of the differences x<sub>i</sub> − y<sub>j</sub>: the least double v with at
     * least k differences ≤ v, found by bisecting the doubles in order of their bit patterns, so it is one of
     * the computed differences exactly.
     */
    static double kth(double[] x, double[] y, long k) {
        long lo = key(x[0] - y[y.length - 1]);
        long hi = key(x[x.length - 1] - y[0]);
        while (lo < hi) {
            long mid = (lo >> 1) + (hi >> 1) + (lo & hi & 1);
            if (countAtMost(x, y, value(mid)) >= k) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return value(lo) + 0.0;
    }

    /** Pairs with x<sub>i</sub> − y<sub>j</sub> ≤ v: for rising x the first such j only moves right. */
    private static long countAtMost(double[] x, double[] y, double v) {
        long count = 0;
        int j = 0;
        for (double xi : x) {
            while (j < y.length && xi - y[j] > v) {
                j++;
            }
            count += y.length - j;
        }
        return count;
    }

    /** Doubles to longs in the same order (negative doubles have their magnitude bits flipped). */
    private static long key(double d) {
        long bits = Double.doubleToRawLongBits(d + 0.0);
        return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
    }

    private static double value(long key) {
        return Double.longBitsToDouble(key < 0 ? key ^ Long.MAX_VALUE : key);
    }

    private static double[] sorted(double[] values) {
        double[] s = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = values[i] + 0.0;
        }
        Arrays.sort(s);
        return s;
    }
}
