package dev.ringmaster.bench.peers;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;

/**
 * One metric's running totals on both sides, kept as GrowthBook's statistics keep them (gbstats
 * models/statistics.py): a rate is a ProportionStatistic (n sessions, sum of bad ones, variance p(1 − p)), a
 * gauge a SampleMeanStatistic (n ticks, Σx, Σx², sample variance). Adding a tick is O(1).
 */
final class ArmTotals {

    /** A difference canary − baseline and its variance (SE²). */
    record Difference(double estimate, double variance) {
    }

    private final Side canary = new Side();
    private final Side baseline = new Side();

    void add(Sample sample) {
        if (sample != null) {
            canary.add(sample.canary());
            baseline.add(sample.baseline());
        }
    }

    boolean bothSidesSeen() {
        return canary.n > 0 && baseline.n > 0;
    }

    /** Units on both sides: GrowthBook's n for the sequential half-width. */
    double units() {
        return canary.n + baseline.n;
    }

    /** The larger side's Σ (bad sessions for rates): what GrowthBook's minimum sample size is compared with. */
    double largerSum() {
        return Math.max(canary.sum, baseline.sum);
    }

    double baselineMean() {
        return baseline.mean();
    }

    /** mean(canary) − mean(baseline), var_c/n_c + var_b/n_b; null where GrowthBook returns no result. */
    Difference absolute() {
        if (!testable()) {
            return null;
        }
        return new Difference(canary.mean() - baseline.mean(), canary.variance() / canary.n + baseline.variance() / baseline.n);
    }

    /** (mean(canary) − mean(baseline))/|mean(baseline)| with the delta-method variance of gbstats' variance_of_ratios. */
    Difference relative() {
        if (!testable()) {
            return null;
        }
        double b = baseline.mean();
        double c = canary.mean();
        double variance = canary.variance() / canary.n / (b * b) + baseline.variance() / baseline.n * c * c / (b * b * b * b);
        return new Difference((c - b) / Math.abs(b), variance);
    }

    /** gbstats' EffectMoments gives no result for an empty side, a zero variance or a zero baseline mean. */
    private boolean testable() {
        return bothSidesSeen() && canary.variance() > 0 && baseline.variance() > 0 && baseline.mean() != 0;
    }

    private static final class Side {
        double n;
        double sum;
        double sumSquares;
        boolean proportion;

        void add(Measure m) {
            if (m instanceof Measure.Counts c && c.total() > 0) {
                proportion = true;
                n += c.total();
                sum += c.bad();
            } else if (m instanceof Measure.Value v && !Double.isNaN(v.value())) {
                n++;
                sum += v.value();
                sumSquares += v.value() * v.value();
            }
        }

        double mean() {
            return n == 0 ? 0 : sum / n;
        }

        double variance() {
            if (proportion) {
                return mean() * (1 - mean());
            }
            return n <= 1 ? 0 : (sumSquares - sum * sum / n) / (n - 1);
        }
    }
}
