package dev.ringmaster.bench.peers;

/**
 * The asymptotic normal-mixture confidence sequence ("GAVI") of Waudby-Smith et al., "Time-uniform central
 * limit theory and asymptotic confidence sequences" (arXiv 2103.06476v7), as GrowthBook's stats engine
 * computes it (growthbook/growthbook, packages/stats/gbstats/frequentist/tests.py: {@code sequential_rho},
 * {@code sequential_interval_halfwidth}, {@code sequential_interval_halfwidth_one_sided}).
 *
 * <p>For an estimate over n units with variance per unit s² (GrowthBook passes s² = SE²·n, n = both arms'
 * units), the half-width is √(s² · 2(nρ²+1)/(nρ)² · L) with L = ln(√(nρ²+1)/α) two-sided (eq. 9) and
 * L = ln(1 + √(nρ²+1)/(2α)) one-sided (eq. 134). ρ is chosen so the sequence is tightest near N* units
 * (eq. 161): ρ² = (−2 ln a + ln(1 − 2 ln a))/N*, with a = α two-sided and 2α one-sided.
 */
final class SequentialCs {

    private SequentialCs() {
    }

    static double rho(double alpha, double tuning, boolean twoSided) {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5): " + alpha);
        }
        if (!(tuning > 0)) {
            throw new IllegalArgumentException("sequential tuning parameter must be positive: " + tuning);
        }
        double a = twoSided ? alpha : 2 * alpha;
        return Math.sqrt((-2 * Math.log(a) + Math.log(-2 * Math.log(a) + 1)) / tuning);
    }

    /** Half-width of the sequence after n units, for an estimate whose variance is {@code variance} (= SE²). */
    static double halfwidth(double variance, double n, double rho, double alpha, boolean twoSided) {
        double s2 = variance * n;
        double nr2 = n * rho * rho + 1;
        double log = twoSided ? Math.log(Math.sqrt(nr2) / alpha) : Math.log(1 + Math.sqrt(nr2) / (2 * alpha));
        return Math.sqrt(s2 * 2 * nr2 / ((n * rho) * (n * rho)) * log);
    }
}
