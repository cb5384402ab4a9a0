package dev.ringmaster.bench.policy;

import java.util.Arrays;

/**
 * The Mann-Whitney confidence interval for the shift between two samples and its Hodges–Lehmann estimate
 * (the median of all pairwise differences), normal approximation as in kayenta-mannwhitney, without the
 * tie correction of the variance (ties only narrow the interval a little; documented in benchmark.md).
 */
record MannWhitney(double estimate, double lower, double upper) {

    /** z for a two-sided 98 % interval: Kayenta's judge hard-codes confidence 0.98. */
    static final double Z_98 = 2.3263478740408408;

    static MannWhitney of(double[] canary, double[] baseline) {
        int n = canary.length;
        int m = baseline.length;
        double[] d = new double[n * m];
        int k = 0;
        for (double c : canary) {
            for (double b : baseline) {
                d[k++] = c - b;
            }
        }
        Arrays.sort(d);
        double median = d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
        double c = n * m / 2.0 - Z_98 * Math.sqrt(n * m * (n + m + 1) / 12.0);
        int lo = (int) Math.max(0, Math.floor(c));
        int hi = Math.min(d.length - 1, d.length - 1 - lo);
        return new MannWhitney(median, d[lo], d[hi]);
    }
}
