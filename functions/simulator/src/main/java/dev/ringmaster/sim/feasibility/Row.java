package dev.ringmaster.sim.feasibility;

import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.Numbers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One gate of one phase over {@link FeasibilityCheck#RUNS} seeded runs: how long a healthy build takes to PASS it
 * and how many canary sessions a ×2 build reaches before it FAILs, at the assumed traffic.
 *
 * @param metric       the gate's metric
 * @param medianToPass the median time for a healthy build to PASS; null when beyond the horizon (or unknown)
 * @param p99ToPass    the time by which 99 % of healthy runs PASS; null when beyond the horizon (or unknown)
 * @param toFail       the median time for the ×2 build to FAIL (for {@link Status#FAILS_HEALTHY}, the healthy one); null: never
 * @param meanExposure the mean canary sessions until the ×2 build FAILs (a run not caught counts those up to the horizon)
 * @param x2           what the ×2 build meets
 * @param fitsMargin   the smallest margin (two decimals) with which 99 % of healthy runs PASS within the limit; null: none below 1
 * @param advances     the gate has {@code onInconclusive: advance}
 * @param horizon      how long each run lasts at most: {@link FeasibilityCheck#HORIZON_LIMITS} × the limit
 */
public record Row(String phase, String gate, String metric, Status status, String reason, Duration soak, Duration maxSoak,
                  Duration medianToPass, Duration p99ToPass, Duration toFail, double meanExposure, X2 x2, Double fitsMargin,
                  boolean advances, Duration horizon) {

    public enum Status {
        /** the phase's audience has no percentage (or size) to estimate traffic from */
        NO_SHARE,
        /** no healthy value was given for the gate's metric */
        NO_HEALTHY,
        /** 99 % of healthy runs PASS before the soak ends */
        IN_SOAK,
        /** 99 % of healthy runs PASS before maxSoak ends, but not before the soak does */
        AFTER_SOAK,
        /** more than 1 % of healthy runs have not PASSed when the soak (no maxSoak) or maxSoak ends */
        TOO_SLOW,
        /** the healthy value itself breaks the bound */
        FAILS_HEALTHY
    }

    /** What a build twice as bad as the healthy one meets. */
    public enum X2 {
        CAUGHT, WITHIN_BOUND, NOT_CAUGHT, UNKNOWN
    }

    public Duration limit() {
        return maxSoak != null ? maxSoak : soak;
    }

    public boolean warns() {
        return status == Status.TOO_SLOW || status == Status.FAILS_HEALTHY;
    }

    /** The median, as printed. */
    public String timeToPass() {
        return estimate(medianToPass);
    }

    public String p99Column() {
        return estimate(p99ToPass);
    }

    private String estimate(Duration d) {
        return switch (status) {
            case NO_SHARE, NO_HEALTHY -> "-";
            case FAILS_HEALTHY -> "never";
            default -> d == null ? "> " + hours(horizon) : hours(d);
        };
    }

    public String soakColumn() {
        return hours(soak) + " / " + (maxSoak == null ? "-" : hours(maxSoak));
    }

    public String exposureColumn() {
        return switch (x2) {
            case CAUGHT -> String.format(Locale.ROOT, "%,.0f sessions (%s)", meanExposure, hours(toFail));
            case WITHIN_BOUND -> "×2 within the bound";
            case NOT_CAUGHT -> "not caught in " + hours(horizon);
            case UNKNOWN -> "-";
        };
    }

    public String verdict() {
        String limitName = maxSoak != null ? "maxSoak" : "soak";
        return switch (status) {
            case NO_SHARE, NO_HEALTHY -> reason;
            case FAILS_HEALTHY -> (toFail == null ? "a healthy build cannot PASS this gate" : "a healthy build FAILs this gate after "
                    + hours(toFail)) + ": " + reason;
            case IN_SOAK -> "decidable within soak";
            case AFTER_SOAK -> "decidable after soak, within maxSoak " + hours(maxSoak);
            case TOO_SLOW -> {
                String head = "cannot PASS within " + limitName + " " + hours(limit()) + " in 99 % of runs (p99 " + p99Column() + ")";
                if (advances) {
                    yield head + "; advances anyway after soak (onInconclusive: advance)";
                }
                List<String> fits = new ArrayList<>();
                if (p99ToPass != null) {
                    fits.add(limitName + " ≥ " + hours(p99ToPass));
                }
                if (fitsMargin != null) {
                    fits.add("margin ≥ " + Numbers.plain(fitsMargin));
                }
                fits.add("onInconclusive: advance");
                yield head + "; fits with " + String.join(", ", fits.subList(0, fits.size() - 1))
                        + (fits.size() > 1 ? ", or " : "") + fits.get(fits.size() - 1)
                        + (maxSoak == null ? " (without maxSoak it holds until then)" : "");
            }
        };
    }

    /** Under 10 h to the minute (2h15m), beyond in whole hours rounded up (210h): an estimate, not a schedule. */
    static String hours(Duration d) {
        if (d.compareTo(Duration.ofHours(10)) < 0) {
            return Durations.format(Duration.ofMinutes(d.toMinutes()));
        }
        return (d.toMinutes() + 59) / 60 + "h";
    }
}
