package dev.ringmaster.bench.policy;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;

/**
 * Seed 002's CI check on one tick: the point estimate against the bound, no sample size. Relative bounds
 * compare with the baseline's estimate of the same tick. No data is no breach (the script has nothing to
 * compare).
 */
final class PointBreach {
    private PointBreach() {
    }

    static boolean breached(BenchMetric m, Sample s) {
        if (s == null || s.canary() == null) {
            return false;
        }
        double canary = value(s.canary());
        double limit = m.bound().relative() ? m.bound().value() * (s.baseline() == null ? Double.NaN : value(s.baseline())) : m.bound().value();
        if (Double.isNaN(canary) || Double.isNaN(limit)) {
            return false;
        }
        return m.bound().upper() ? canary > limit : canary < limit;
    }

    private static double value(Measure m) {
        if (m instanceof Measure.Counts c) {
            return c.total() == 0 ? Double.NaN : (double) c.bad() / c.total();
        }
        return m instanceof Measure.Value v ? v.value() : Double.NaN;
    }
}
