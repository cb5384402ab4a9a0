package dev.ringmaster.core.gate;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.util.List;

/**
 * Relative bound on a rate or an event rate: canary against baseline in the same ticks, so a diurnal swing that
 * moves both cancels out. Conditioning on the total number of events x = xc + xb, the canary's share is
 * Binomial(x, π(ρ)) with π(ρ) = ρ·Nc / (ρ·Nc + Nb) and ρ = rate_c / rate_b. For Poisson counts (events over
 * minutes) this is exact; for rates it is the rare-event approximation (Poisson for Binomial), which is
 * conservative when events are common. A {@code minRelative} bound r swaps the roles of canary and baseline and
 * tests the ratio 1/ρ against 1/r, so the same grids serve both directions.
 */
final class RelativeRateTest implements Statistic {
    static final double[] FAIL_STEPS = {1.1, 1.25, 1.5, 2, 3, 5};
    static final double[] FAIL_WEIGHTS = MixtureSprt.halving(FAIL_STEPS, 2);
    static final double[] PASS_STEPS = {0.9, 0.8, 0.67, 0.5};
    static final String METHOD = "mixture SPRT, conditional binomial (canary vs baseline)";

    private final Criterion criterion;
    private final Thresholds t;
    private final MetricKind kind;
    private final boolean swapped;
    private final double rho0;
    private final double rhoPass;
    private final List<Sample> samples;
    /** Prefix sums over ticks that have both sides: events and exposure (trials or minutes) per side. */
    private final double[] xc;
    private final double[] nc;
    private final double[] xb;
    private final double[] nb;
    private final int[] canaryTicks;
    private final int[] pairedTicks;

    RelativeRateTest(Criterion criterion, Thresholds t, MetricKind kind, List<Sample> samples, double margin) {
        double r = criterion.bound().value();
        if (!(r > 0)) {
            throw new IllegalArgumentException(criterion.describe() + ": a relative bound must be positive");
        }
        this.criterion = criterion;
        this.t = t;
        this.kind = kind;
        this.samples = samples;
        this.swapped = criterion.bound().type() == Bound.Type.MIN_RELATIVE;
        this.rho0 = swapped ? 1 / r : r;
        this.rhoPass = rho0 * (1 + margin);
        int n = samples.size();
        xc = new double[n + 1];
        nc = new double[n + 1];
        xb = new double[n + 1];
        nb = new double[n + 1];
        canaryTicks = new int[n + 1];
        pairedTicks = new int[n + 1];
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            boolean paired = present(i);
            xc[i + 1] = xc[i] + (paired ? events(s.canary()) : 0);
            nc[i + 1] = nc[i] + (paired ? exposure(s.canary()) : 0);
            xb[i + 1] = xb[i] + (paired ? events(s.baseline()) : 0);
            nb[i + 1] = nb[i] + (paired ? exposure(s.baseline()) : 0);
            canaryTicks[i + 1] = canaryTicks[i] + (usable(s.canary()) ? 1 : 0);
            pairedTicks[i + 1] = pairedTicks[i] + (paired ? 1 : 0);
        }
    }

    @Override
    public boolean present(int i) {
        Sample s = samples.get(i);
        return usable(s.canary()) && usable(s.baseline());
    }

    private boolean usable(Measure m) {
        return usable(kind, m);
    }

    /** A side a test of this kind can use: counts for rates, events over minutes for counts. */
    static boolean usable(MetricKind kind, Measure m) {
        return kind == MetricKind.COUNT ? m instanceof Measure.Events : m instanceof Measure.Counts;
    }

    /** The events of a side: bad trials, or events. */
    static double events(Measure m) {
        return m instanceof Measure.Counts c ? c.bad() : ((Measure.Events) m).events();
    }

    /** The exposure of a side: trials, or minutes. */
    static double exposure(Measure m) {
        return m instanceof Measure.Counts c ? c.total() : ((Measure.Events) m).minutes();
    }

    @Override
    public Outcome outcome(int from, int to, double alphaFail) {
        double[] s = sums(from, to);
        return outcome(s[0], s[1], s[2], s[3], rho0, rhoPass, alphaFail, t.alphaPass());
    }

    @Override
    public Verdict judge(int from, int to, double alphaFail) {
        Thresholds t = this.t.withAlphaFail(alphaFail);
        double bound = criterion.bound().value();
        if (canaryTicks[to] == canaryTicks[from]) {
            return Report.noData(criterion, t, bound, METHOD, "no data in scope");
        }
        if (pairedTicks[to] == pairedTicks[from]) {
            return Report.noData(criterion, t, bound, METHOD, "no baseline: no tick in scope has baseline data");
        }
        double[] s = sums(from, to);
        if (s[1] <= 0 || s[3] <= 0) {
            return Report.noData(criterion, t, bound, METHOD, "no data: no exposure in scope on one side");
        }
        double cX = xc[to] - xc[from];
        double cN = nc[to] - nc[from];
        double bX = xb[to] - xb[from];
        double bN = nb[to] - nb[from];
        String unit = kind == MetricKind.COUNT ? "canary minutes" : "canary trials";
        double estimate = (cX / cN) / (bX / bN);
        String observed = "canary " + side(cX, cN) + " vs baseline " + side(bX, bN)
                + (Double.isNaN(estimate) ? "" : ", ratio " + Report.num(estimate));
        if (cX + bX == 0) {
            return Report.plain(Outcome.INCONCLUSIVE, criterion, t, Double.NaN, bound, Math.round(cN), METHOD,
                    observed + ": no events on either side yet, so no ratio", -1);
        }
        double oriented = (s[0] / s[1]) / (s[2] / s[3]);
        MixtureSprt.Result r = sprt(s).decide(true, rho0, rhoPass, t.alphaFail(), t.alphaPass(), oriented, t.intervals());
        double passBound = rhoPass;
        if (swapped) {
            r = new MixtureSprt.Result(r.outcome(), 1 / r.upper(), 1 / r.lower(), r.moreFactor());
            passBound = 1 / rhoPass;
        }
        return Report.sequential(criterion, t, METHOD, r, !swapped, estimate, bound, passBound, Math.round(cN),
                unit, observed);
    }

    private String side(double x, double n) {
        return kind == MetricKind.COUNT
                ? Report.count(x) + " events in " + Report.count(n) + " minutes"
                : Report.count(x) + " of " + Report.count(n) + " (" + Report.percent(x / n) + ")";
    }

    /** {xa, na, xb, nb}: the numerator side first (canary, or baseline for minRelative). */
    private double[] sums(int from, int to) {
        double[] canary = {xc[to] - xc[from], nc[to] - nc[from]};
        double[] baseline = {xb[to] - xb[from], nb[to] - nb[from]};
        double[] a = swapped ? baseline : canary;
        double[] b = swapped ? canary : baseline;
        return new double[]{a[0], a[1], b[0], b[1]};
    }

    @Override
    public Changes changes() {
        double[] alternatives = new double[FAIL_STEPS.length];
        for (int k = 0; k < alternatives.length; k++) {
            alternatives[k] = rho0 * FAIL_STEPS[k];
        }
        return new Changes(alternatives, FAIL_WEIGHTS, (from, to, out) -> {
            double[] s = sums(from, to);
            llrs(s[0], s[1], s[0] + s[2], s[3], rho0, alternatives, out);
        }, false);
    }

    /** Each alternative's LLR against r0 in one pass: ln(r0·Na + Nb) once, one log per alternative; 0 without events. */
    static void llrs(double xa, double na, double x, double nb, double r0, double[] alternatives, double[] out) {
        if (na <= 0 || nb <= 0 || x == 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        double shared = Math.log(r0 * na + nb);
        double logR0 = Math.log(r0);
        for (int k = 0; k < out.length; k++) {
            out[k] = xa * (Math.log(alternatives[k]) - logR0) + x * (shared - Math.log(alternatives[k] * na + nb));
        }
    }

    /** xa·ln(π1/π0) + xb·ln((1−π1)/(1−π0)), simplified using 1 − π = Nb / (ρ·Na + Nb); x = xa + xb. */
    static double llr(double xa, double na, double x, double nb, double r0, double r1) {
        return xa * (Math.log(r1) - Math.log(r0)) + x * (Math.log(r0 * na + nb) - Math.log(r1 * na + nb));
    }

    /** The decision on sufficient statistics alone: xa of na against xb of nb, ratio bound rho0. */
    static Outcome outcome(double xa, double na, double xb, double nb, double rho0, double rhoPass, double alphaFail,
                           double alphaPass) {
        if (na <= 0 || nb <= 0 || xa + xb == 0) {
            return Outcome.INCONCLUSIVE;
        }
        return sprt(new double[]{xa, na, xb, nb}).outcome(true, rho0, rhoPass, alphaFail, alphaPass);
    }

    private static MixtureSprt sprt(double[] s) {
        MixtureSprt.Llr llr = (r0, r1) -> llr(s[0], s[1], s[0] + s[2], s[3], r0, r1);
        return new MixtureSprt(llr, (r0, step) -> r0 * step, FAIL_STEPS, FAIL_WEIGHTS, PASS_STEPS,
                MixtureSprt.uniform(PASS_STEPS.length), MixtureSprt.Scale.LOG, 0);
    }
}
