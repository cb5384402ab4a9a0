package dev.ringmaster.core.gate;

/**
 * A bound of zero ({@code sev1_bugs max: 0}): no likelihood ratio exists against a rate of exactly zero, and none
 * is needed, because a single event already proves the bound broken. Absence of events only proves something
 * when the data covers the whole window the criterion asks about.
 */
final class ZeroTolerance {
    static final String METHOD = "zero tolerance";

    private ZeroTolerance() {
    }

    static Outcome outcome(double events, long ticks, boolean covered) {
        if (events > 0) {
            return Outcome.FAIL;
        }
        return ticks > 0 && covered ? Outcome.PASS : Outcome.INCONCLUSIVE;
    }

    /**
     * @param estimate  in the user's units (a success rate of 1 for {@code min: 1})
     * @param exposure  trials or minutes behind the figures
     * @param failed    the breach in words: "1 event, bound 0"
     * @param coverage  "45 minutes of the 60m window", shown when the data falls short
     */
    static Verdict verdict(Criterion criterion, Thresholds t, double events, long ticks, boolean covered,
                           double estimate, long exposure, String unit, String failed, String coverage) {
        Outcome outcome = outcome(events, ticks, covered);
        String reason = switch (outcome) {
            case FAIL -> failed;
            case PASS -> "none in " + Report.count(exposure) + " " + unit + (criterion.window() == null
                    ? " since the phase began" : " covering the whole " + Report.duration(criterion.window())
                    + " window");
            case INCONCLUSIVE -> "none yet, but the data covers only " + coverage;
        };
        return Report.plain(outcome, criterion, t, estimate, criterion.bound().value(), exposure, METHOD, reason,
                -1);
    }
}
