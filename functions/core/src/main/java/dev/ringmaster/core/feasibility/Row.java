package dev.ringmaster.core.feasibility;

import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.Numbers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One gate of one phase: how long a healthy build takes to PASS it and how many sessions a ×2 build reaches
 * before it FAILs, at the assumed traffic.
 *
 * @param metric     the gate's metric
 * @param toPass     expected time for a healthy build to PASS; null when not within the search horizon (or unknown)
 * @param toFail     expected time for the ×2 build to FAIL (or, for {@link Status#FAILS_HEALTHY}, the healthy one); null: never
 * @param exposure   canary sessions until the ×2 build FAILs
 * @param x2         what the ×2 build meets
 * @param limit      the soak, or maxSoak when set: how long the phase waits for the PASS
 * @param fitsMargin the smallest margin (two decimals) with which a healthy build PASSes within the limit; null: none below 1
 * @param advances   the gate has {@code onInconclusive: advance}
 */
public record Row(String phase, String gate, String metric, Status status, String reason, Duration soak, Duration maxSoak, Duration toPass,
                  Duration toFail, long exposure, X2 x2, Double fitsMargin, boolean advances, Duration horizon) {

    public enum Status {
        /** the phase's audience has no percentage (or size) to estimate traffic from */
        NO_SHARE,
        /** no healthy value was given for the gate's metric */
        NO_HEALTHY,
        /** a healthy build PASSes before the soak ends */
        IN_SOAK,
        /** a healthy build PASSes after the soak, before maxSoak */
        AFTER_SOAK,
        /** a healthy build cannot PASS before the soak (no maxSoak) or maxSoak ends */
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

    public String timeToPass() {
        return switch (status) {
            case NO_SHARE, NO_HEALTHY -> "-";
            case FAILS_HEALTHY -> "never";
            default -> toPass == null ? "> " + hours(horizon) : hours(toPass);
        };
    }

    public String soakColumn() {
        return hours(soak) + " / " + (maxSoak == null ? "-" : hours(maxSoak));
    }

    public String exposureColumn() {
        return switch (x2) {
            case CAUGHT -> String.format(Locale.ROOT, "%,d sessions (%s)", exposure, hours(toFail));
            case WITHIN_BOUND -> "×2 within the bound";
            case NOT_CAUGHT -> "not caught in " + hours(horizon);
            case UNKNOWN -> "-";
        };
    }

    public String verdict() {
        String limitName = maxSoak != null ? "maxSoak" : "soak";
        return switch (status) {
            case NO_SHARE, NO_HEALTHY -> reason;
            case FAILS_HEALTHY -> "a healthy build FAILs this gate after " + hours(toFail) + ": " + reason;
            case IN_SOAK -> "decidable within soak";
            case AFTER_SOAK -> "decidable after soak, within maxSoak " + hours(maxSoak);
            case TOO_SLOW -> {
                String head = "cannot PASS within " + limitName + " " + hours(limit()) + ": needs "
                        + timeToPass();
                if (advances) {
                    yield head + "; advances anyway after soak (onInconclusive: advance)";
                }
                List<String> fits = new ArrayList<>();
                if (toPass != null) {
                    fits.add(limitName + " ≥ " + hours(toPass));
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
