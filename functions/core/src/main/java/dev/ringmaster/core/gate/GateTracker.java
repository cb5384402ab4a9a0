package dev.ringmaster.core.gate;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;

/**
 * The gate engine's verdict on a phase-long gate, kept up to date one tick at a time in O(1): for Monte Carlo
 * runs of hundreds of thousands of rollouts, where re-judging the whole series every tick would cost O(n²).
 * It keeps the same sufficient statistics the engine's tests sum, calls the same decision functions and feeds
 * the same change detector, so its outcome equals {@link GateEngine#judge} on the series so far (a test holds
 * them to it). Gates with a window or a {@code for}, bounds of zero and checks are not covered: the engine
 * judges those.
 */
public final class GateTracker {
    private final MetricKind kind;
    private final Thresholds t;
    private final boolean relative;
    private final boolean flipped;
    private final double bound;
    private final double passBound;
    private final double sigmaFloor;
    private final ChangeDetector detector;
    private final double[] llr;
    /** Absolute rates: the detector's per-alternative coefficients ({@link RateTest#coefficients}). */
    private final double[][] coefficients;
    /** Rates: events and trials (numerator side first when relative); gauges: count, shifted sum and squares. */
    private double xa;
    private double na;
    private double xb;
    private double nb;
    private int values;
    private double shift = Double.NaN;
    private Outcome last = Outcome.INCONCLUSIVE;

    public GateTracker(Criterion criterion, MetricKind kind, Thresholds t) {
        Bound b = criterion.bound();
        if (GateEngine.scope(criterion) != null || kind == MetricKind.CHECK || kind == MetricKind.COUNT
                || b.value() == 0 || kind == MetricKind.RATE && !b.relative() && (b.value() >= 1)) {
            throw new IllegalArgumentException(criterion.describe() + ": GateTracker covers phase-long rate and gauge"
                    + " gates with a nonzero bound; judge this one with GateEngine");
        }
        this.kind = kind;
        this.t = t;
        this.relative = b.relative();
        double margin = GateEngine.margin(criterion);
        if (kind == MetricKind.GAUGE) {
            flipped = !b.upper();
            bound = b.value();
            passBound = GaugeTest.thetaPass(relative, bound, margin);
            sigmaFloor = GaugeTest.sigmaFloor(relative, bound);
            detector = null;
            llr = null;
            coefficients = null;
            return;
        }
        sigmaFloor = 0;
        double[] alternatives = new double[relative ? RelativeRateTest.FAIL_STEPS.length : RateTest.FAIL_STEPS.length];
        if (relative) {
            flipped = b.type() == Bound.Type.MIN_RELATIVE;
            bound = flipped ? 1 / b.value() : b.value();
            passBound = bound * (1 + margin);
            for (int k = 0; k < alternatives.length; k++) {
                alternatives[k] = bound * RelativeRateTest.FAIL_STEPS[k];
            }
        } else {
            flipped = b.type() == Bound.Type.MIN;
            bound = flipped ? 1 - b.value() : b.value();
            passBound = RateTest.passBound(bound, margin);
            for (int k = 0; k < alternatives.length; k++) {
                alternatives[k] = RateTest.GRID.alternative(bound, RateTest.FAIL_STEPS[k]);
            }
        }
        coefficients = relative ? null : RateTest.coefficients(bound, alternatives);
        detector = new ChangeDetector(alternatives,
                relative ? RelativeRateTest.FAIL_WEIGHTS : RateTest.FAIL_WEIGHTS, t.phaseStart(), t.horizon());
        llr = new double[alternatives.length];
    }

    /** Adds one tick (its canary null when the source had no data) and returns the verdict's outcome as of it. */
    public Outcome add(Sample s) {
        return last = kind == MetricKind.GAUGE ? addValue(s) : addCounts(s);
    }

    public Outcome outcome() {
        return last;
    }

    private Outcome addCounts(Sample s) {
        if (s.canary() instanceof Measure.Counts c && (!relative || s.baseline() instanceof Measure.Counts)) {
            double ta;
            double tna;
            double tb = 0;
            double tnb = 0;
            if (relative) {
                Measure.Counts base = (Measure.Counts) s.baseline();
                Measure.Counts a = flipped ? base : c;
                Measure.Counts z = flipped ? c : base;
                ta = a.bad();
                tna = a.total();
                tb = z.bad();
                tnb = z.total();
            } else {
                ta = flipped ? c.total() - c.bad() : c.bad();
                tna = c.total();
            }
            xa += ta;
            na += tna;
            xb += tb;
            nb += tnb;
            if (relative) {
                RelativeRateTest.llrs(ta, tna, ta + tb, tnb, bound, detector.alternatives(), llr);
            } else {
                RateTest.llrs(ta, tna, coefficients, llr);
            }
            detector.add(s.at(), llr);
        }
        double alphaC = t.alphaFail() * GateEngine.CUMULATIVE_SHARE;
        Outcome cumulative = relative
                ? RelativeRateTest.outcome(xa, na, xb, nb, bound, passBound, alphaC, t.alphaPass())
                : na <= 0 ? Outcome.INCONCLUSIVE : RateTest.outcome(xa, na, bound, passBound, alphaC, t.alphaPass());
        if (cumulative == Outcome.FAIL || detector.alarmed(t.alphaFail() * (1 - GateEngine.CUMULATIVE_SHARE))) {
            return Outcome.FAIL;
        }
        return cumulative;
    }

    private Outcome addValue(Sample s) {
        double d = GaugeTest.difference(s, relative, !flipped, bound);
        if (!Double.isNaN(d)) {
            if (Double.isNaN(shift)) {
                shift = d;
            }
            values++;
            xa += d - shift;
            xb += (d - shift) * (d - shift);
        }
        if (values < GaugeTest.MIN_VALUES) {
            return Outcome.INCONCLUSIVE;
        }
        return GaugeTest.outcome(values, shift + xa / values, GaugeTest.sigma(values, xa, xb, sigmaFloor), passBound,
                t.alphaFail(), t.alphaPass());
    }
}
