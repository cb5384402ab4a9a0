package dev.ringmaster.core.gate;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Instant;
import java.util.List;

/**
 * The gate engine's verdict on a phase-long gate, kept up to date one tick at a time in O(1): for Monte Carlo
 * runs of hundreds of thousands of rollouts, where re-judging the whole series every tick would cost O(n²).
 * It keeps the same sufficient statistics the engine's tests sum, calls the same decision functions and feeds
 * the same change detector, so its outcome equals {@link GateEngine#judge} on the series so far (a test holds
 * them to it). Gates with a window or a {@code for}, bounds of zero and checks are not covered: the engine
 * judges those. The tick keeps one per covered criterion between invocations ({@link GateLedger}), so its work
 * does not grow with the phase's history: {@link #state()} and {@link #restore} carry it through the store, and
 * {@link #verdict} gives the engine's evidence from the sums.
 */
public final class GateTracker {
    private final MetricKind kind;
    private final Thresholds t;
    private final Criterion criterion;
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

    /** Rates: a canary tick was seen (a relative gate without any paired tick says "no baseline", not "no data"). */
    private boolean sawCanary;
    private boolean sawPaired;
    /**
     * Per alternative, the user's counts since the detector's best start for it ({canary bad, total, baseline bad,
     * total, and the epoch millisecond of the start's first tick}) and that start's block: what a detector FAIL
     * judges and names, as the engine judges the data since the start.
     */
    private final double[][] sinceStart;
    private final long[] startBlock;
    /** The newest sample folded in: a sample at or before it was counted already. */
    private Instant through;

    /** Whether a tracker keeps this criterion's verdict: else the engine judges it on the samples. */
    public static boolean covers(Criterion criterion, MetricKind kind) {
        Bound b = criterion.bound();
        return GateEngine.scope(criterion) == null && kind != MetricKind.CHECK && b.type() != Bound.Type.PASS
                && !(kind == MetricKind.GAUGE && b.value() == 0);
    }

    public GateTracker(Criterion criterion, MetricKind kind, Thresholds t) {
        if (!covers(criterion, kind)) {
            throw new IllegalArgumentException(criterion.describe() + ": GateTracker covers phase-long rate, count and"
                    + " gauge gates (a gauge's bound nonzero); judge this one with GateEngine");
        }
        Bound b = criterion.bound();
        this.kind = kind;
        this.t = t;
        this.criterion = criterion;
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
            sinceStart = null;
            startBlock = null;
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
        } else if (kind == MetricKind.COUNT) {
            flipped = !b.upper();
            bound = b.value();
            passBound = flipped ? bound / (1 + margin) : bound * (1 + margin);
            double[] steps = CountTest.failSteps(!flipped);
            for (int k = 0; k < alternatives.length; k++) {
                alternatives[k] = bound * steps[k];
            }
        } else {
            flipped = b.type() == Bound.Type.MIN;
            bound = flipped ? 1 - b.value() : b.value();
            passBound = RateTest.passBound(bound, margin);
            for (int k = 0; k < alternatives.length; k++) {
                alternatives[k] = RateTest.GRID.alternative(bound, RateTest.FAIL_STEPS[k]);
            }
        }
        if (!relative && (bound == 0 || kind == MetricKind.RATE && bound >= 1)) {
            // a zero bound (one event breaks it) or one a rate always meets: sums alone, no likelihood ratio to detect with
            coefficients = null;
            detector = null;
            llr = null;
            sinceStart = null;
            startBlock = null;
            return;
        }
        coefficients = relative ? null : kind == MetricKind.COUNT ? eventCoefficients(bound, alternatives)
                : RateTest.coefficients(bound, alternatives);
        detector = new ChangeDetector(alternatives,
                relative ? RelativeRateTest.FAIL_WEIGHTS : RateTest.FAIL_WEIGHTS, t.phaseStart(), t.horizon());
        llr = new double[alternatives.length];
        sinceStart = new double[alternatives.length][5];
        startBlock = new long[alternatives.length];
    }

    /** Adds one tick (its canary null when the source had no data) and returns the verdict's outcome as of it. */
    public Outcome add(Sample s) {
        through = s.at();
        return last = kind == MetricKind.GAUGE ? addValue(s) : addCounts(s);
    }

    /** The time of the newest sample folded in, or null before the first. */
    public Instant through() {
        return through;
    }

    /** Adds the samples taken after the last one folded in and no later than {@code now}, oldest first. */
    public void fold(List<Sample> samples, Instant now) {
        for (Sample s : samples) {
            if ((through == null || s.at().isAfter(through)) && !s.at().isAfter(now)) {
                add(s);
            }
        }
    }

    /**
     * The verdict with its evidence, as {@link GateEngine#judge} gives it on the series folded in: the cumulative
     * test's on the sums, else the change detector's FAIL, which names the start that carries the most evidence.
     */
    public Verdict verdict(Criterion criterion, Thresholds now) {
        double margin = GateEngine.margin(criterion);
        if (kind == MetricKind.GAUGE) {
            GaugeTest gauge = new GaugeTest(criterion, now, List.of(), margin, false);
            return gauge.judge(values, values == 0 ? Double.NaN : shift + xa / values,
                    values < GaugeTest.MIN_VALUES ? Double.NaN : GaugeTest.sigma(values, xa, xb, sigmaFloor), now.alphaFail());
        }
        if (detector == null) {
            return judge(criterion, now, margin, sums(now.now()), now.alphaFail());
        }
        double alpha = now.alphaFail() * (1 - GateEngine.CUMULATIVE_SHARE);
        Verdict cumulative = judge(criterion, now, margin, sums(now.now()), now.alphaFail() * GateEngine.CUMULATIVE_SHARE);
        int k = detector.likelyAlternative();
        if (cumulative.failed() || !detector.alarmed(alpha) || k < 0) {
            return cumulative;
        }
        double[] c = sinceStart[k];
        Measure canary = measure(c[0], c[1]);
        Measure baseline = relative ? measure(c[2], c[3]) : null;
        Instant start = Instant.ofEpochMilli((long) c[4]);
        Verdict recent = judge(criterion, now, margin, List.of(new Sample(now.now(), canary, baseline)), alpha);
        return GateEngine.amend(recent, Outcome.FAIL, "changed since " + start + ": " + recent.evidence().reason()
                + " (change detector: e-value " + Report.num(Math.exp(detector.logE())) + " ≥ " + Report.num(1 / alpha) + ")", -1);
    }

    private Verdict judge(Criterion criterion, Thresholds now, double margin, List<Sample> sums, double alphaFail) {
        Statistic statistic = relative ? new RelativeRateTest(criterion, now, kind, sums, margin)
                : kind == MetricKind.COUNT ? new CountTest(criterion, now, sums, margin) : new RateTest(criterion, now, sums, margin);
        return statistic.judge(0, sums.size(), alphaFail);
    }

    /** A zero bound or one a rate always meets: the engine's test on the sums (what it judges them on), whole alphaFail. */
    private Outcome plainOutcome() {
        return verdict(criterion, t).outcome();
    }

    /** One side's sums in the measure its kind reads: counts for rates, events over minutes for counts. */
    private Measure measure(double events, double exposure) {
        return kind == MetricKind.COUNT ? new Measure.Events(events, exposure)
                : new Measure.Counts(Math.round(events), Math.round(exposure));
    }

    /** Everything folded in as one sample of the user's counts: the rate tests judge a range by its sums alone. */
    private List<Sample> sums(Instant at) {
        if (!sawCanary) {
            return List.of();
        }
        if (!relative) {
            double bad = flipped && kind == MetricKind.RATE ? na - xa : xa;
            return List.of(new Sample(at, measure(bad, na), null));
        }
        if (!sawPaired) {
            // canary ticks, none with a baseline: the test says so
            return List.of(new Sample(at, measure(0, 0), null));
        }
        Measure a = measure(xa, na);
        Measure b = measure(xb, nb);
        return List.of(new Sample(at, flipped ? b : a, flipped ? a : b));
    }

    /**
     * What carries over to the next tick: the sums, the last outcome and the detector, with the newest sample's
     * time; {@link #restore} on a tracker built for the same criterion and phase continues where this one stopped.
     */
    public double[] state() {
        double[] d = detector == null ? new double[0] : detector.state();
        int n = startBlock == null ? 0 : startBlock.length;
        double[] out = new double[9 + d.length + 6 * n];
        out[0] = through == null ? Double.NaN : through.toEpochMilli();
        out[1] = xa;
        out[2] = na;
        out[3] = xb;
        out[4] = nb;
        out[5] = values;
        out[6] = shift;
        out[7] = (sawCanary ? 1 : 0) + (sawPaired ? 2 : 0);
        out[8] = last.ordinal();
        System.arraycopy(d, 0, out, 9, d.length);
        for (int k = 0; k < n; k++) {
            int at = 9 + d.length + 6 * k;
            out[at] = startBlock[k];
            System.arraycopy(sinceStart[k], 0, out, at + 1, 5);
        }
        return out;
    }

    public void restore(double[] state) {
        int d = detector == null ? 0 : detector.state().length;
        int n = startBlock == null ? 0 : startBlock.length;
        int expected = 9 + d + 6 * n;
        if (state.length != expected) {
            throw new IllegalArgumentException("this tracker keeps " + expected + " numbers, not " + state.length);
        }
        through = Double.isNaN(state[0]) ? null : Instant.ofEpochMilli((long) state[0]);
        xa = state[1];
        na = state[2];
        xb = state[3];
        nb = state[4];
        values = (int) state[5];
        shift = state[6];
        sawCanary = ((int) state[7] & 1) != 0;
        sawPaired = ((int) state[7] & 2) != 0;
        last = Outcome.values()[(int) state[8]];
        if (detector != null) {
            detector.restore(java.util.Arrays.copyOfRange(state, 9, 9 + d));
        }
        for (int k = 0; k < n; k++) {
            int at = 9 + d + 6 * k;
            startBlock[k] = (long) state[at];
            System.arraycopy(state, at + 1, sinceStart[k], 0, 5);
        }
    }

    public Outcome outcome() {
        return last;
    }

    /** Absolute event rates: per alternative ln(λ1/λ0) and λ1 − λ0, so a tick's LLR is x·c0 − minutes·c1. */
    private static double[][] eventCoefficients(double lambda0, double[] alternatives) {
        double[][] c = new double[2][alternatives.length];
        for (int k = 0; k < alternatives.length; k++) {
            c[0][k] = Math.log(alternatives[k] / lambda0);
            c[1][k] = alternatives[k] - lambda0;
        }
        return c;
    }

    private boolean usable(Measure m) {
        return RelativeRateTest.usable(kind, m);
    }

    private static double events(Measure m) {
        return RelativeRateTest.events(m);
    }

    private static double exposure(Measure m) {
        return RelativeRateTest.exposure(m);
    }

    private Outcome addCounts(Sample s) {
        sawCanary |= usable(s.canary());
        if (usable(s.canary()) && (!relative || usable(s.baseline()))) {
            sawPaired = true;
            Measure c = s.canary();
            double ta;
            double tna;
            double tb = 0;
            double tnb = 0;
            if (relative) {
                Measure a = flipped ? s.baseline() : c;
                Measure z = flipped ? c : s.baseline();
                ta = events(a);
                tna = exposure(a);
                tb = events(z);
                tnb = exposure(z);
            } else {
                ta = flipped && kind == MetricKind.RATE ? exposure(c) - events(c) : events(c);
                tna = exposure(c);
            }
            xa += ta;
            na += tna;
            xb += tb;
            nb += tnb;
            if (detector != null) {
                detect(s, ta, tna, tb, tnb);
            }
        }
        if (detector == null) {
            return plainOutcome();
        }
        double alphaC = t.alphaFail() * GateEngine.CUMULATIVE_SHARE;
        Outcome cumulative = relative
                ? RelativeRateTest.outcome(xa, na, xb, nb, bound, passBound, alphaC, t.alphaPass())
                : kind == MetricKind.COUNT ? CountTest.outcome(xa, na, !flipped, bound, passBound, alphaC, t.alphaPass())
                : na <= 0 ? Outcome.INCONCLUSIVE : RateTest.outcome(xa, na, bound, passBound, alphaC, t.alphaPass());
        if (cumulative == Outcome.FAIL || detector.alarmed(t.alphaFail() * (1 - GateEngine.CUMULATIVE_SHARE))) {
            return Outcome.FAIL;
        }
        return cumulative;
    }

    /** Feeds one tick's LLRs (from its counts, oriented as the test orients them) to the change detector. */
    private void detect(Sample s, double ta, double tna, double tb, double tnb) {
        if (relative) {
            RelativeRateTest.llrs(ta, tna, ta + tb, tnb, bound, detector.alternatives(), llr);
        } else if (kind == MetricKind.COUNT) {
            for (int k = 0; k < llr.length; k++) {
                llr[k] = ta * coefficients[0][k] - tna * coefficients[1][k];
            }
        } else {
            RateTest.llrs(ta, tna, coefficients, llr);
        }
        detector.add(s.at(), llr);
        sinceStart(s.at(), s.canary(), relative ? s.baseline() : null);
    }

    private void sinceStart(Instant at, Measure canary, Measure baseline) {
        for (int k = 0; k < startBlock.length; k++) {
            if (detector.startOf(k) != startBlock[k]) {
                startBlock[k] = detector.startOf(k);
                java.util.Arrays.fill(sinceStart[k], 0);
                sinceStart[k][4] = at.toEpochMilli();
            }
            sinceStart[k][0] += events(canary);
            sinceStart[k][1] += exposure(canary);
            sinceStart[k][2] += baseline == null ? 0 : events(baseline);
            sinceStart[k][3] += baseline == null ? 0 : exposure(baseline);
        }
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
