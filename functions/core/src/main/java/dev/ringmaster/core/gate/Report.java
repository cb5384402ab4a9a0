package dev.ringmaster.core.gate;

import dev.ringmaster.core.plan.Numbers;
import java.time.Duration;

/** Writes evidence and its one-sentence reason, with figures a release engineer can check. */
final class Report {
    private Report() {
    }

    /** A verdict that has no interval: no data, no baseline, a check, a point comparison. */
    static Verdict plain(Outcome outcome, Criterion criterion, Thresholds t, double estimate, double bound,
                         long sampleSize, String method, String reason, long samplesNeeded) {
        return new Verdict(outcome, new Evidence(criterion.describe(), estimate, Double.NaN, Double.NaN, bound,
                sampleSize, 1 - t.alphaFail(), method, reason, samplesNeeded));
    }

    static Verdict noData(Criterion criterion, Thresholds t, double bound, String method, String reason) {
        return plain(Outcome.INCONCLUSIVE, criterion, t, Double.NaN, bound, 0, method, reason, -1);
    }

    /**
     * The verdict of a sequential test, everything in the user's units.
     *
     * @param upper     larger is worse (max, maxRelative)
     * @param passBound the value a PASS rules out: the bound widened by the margin
     * @param unit      what sampleSize counts ("trials", "values", "minutes"), for "samples needed"
     * @param observed  the data in words, sample size included: "1 of 150 trials (0.67 %)"
     */
    static Verdict sequential(Criterion criterion, Thresholds t, String method, MixtureSprt.Result r, boolean upper,
                              double estimate, double bound, double passBound, long sampleSize, String unit,
                              String observed) {
        long needed = r.outcome() == Outcome.INCONCLUSIVE ? times(r.moreFactor(), sampleSize) : -1;
        String reason = observed + switch (r.outcome()) {
            case FAIL -> upper
                    ? ": lower bound " + num(r.lower()) + " > " + num(bound)
                    : ": upper bound " + num(r.upper()) + " < " + num(bound);
            case PASS -> ": rules out " + (upper ? "≥ " : "≤ ") + num(passBound) + " with "
                    + num(100 * (1 - t.alphaPass())) + " % confidence";
            case INCONCLUSIVE -> ": cannot yet tell from " + num(bound)
                    + undecided(estimate, bound, passBound, needed, unit);
        };
        return new Verdict(r.outcome(), new Evidence(criterion.describe(), estimate, r.lower(), r.upper(), bound,
                sampleSize, 1 - t.alphaFail(), method, reason, needed));
    }

    private static String undecided(double estimate, double bound, double passBound, long needed, String unit) {
        if (needed > 0) {
            return " — about " + count(needed) + " more " + unit + " needed";
        }
        boolean inMargin = estimate >= Math.min(bound, passBound) && estimate <= Math.max(bound, passBound)
                && bound != passBound;
        return inMargin
                ? " — the estimate " + num(estimate) + " lies between the bound and its margin (" + num(passBound)
                        + "), so more data at this level will not decide"
                : "";
    }

    private static long times(double factor, long size) {
        double n = Math.ceil(factor * size);
        return Double.isFinite(n) && n < Long.MAX_VALUE ? Math.max(1, (long) n) : -1;
    }

    /** 1,234,567: grouped by hand, as Formatter is too slow to call for every verdict of every tick. */
    static String count(double n) {
        String digits = Long.toString(Math.abs(Math.round(n)));
        StringBuilder b = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (Math.round(n) < 0) {
            b.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        b.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }

    static String num(double v) {
        return Numbers.sig(v);
    }

    static String percent(double p) {
        return Numbers.sig(100 * p) + " %";
    }

    static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.toSeconds() + "s";
        }
        return minutes < 120 ? minutes + "m" : minutes / 60 + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
    }
}
