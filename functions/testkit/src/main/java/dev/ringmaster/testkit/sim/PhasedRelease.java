package dev.ringmaster.testkit.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One version's phased release and Apple's clock for it: the day number counts ACTIVE time only, so a
 * paused day is not a day of the schedule. Apple moves the release on by itself (to COMPLETE after the
 * seventh day starts; back to ACTIVE when the pauses have used up their 30 days), so every reader first
 * {@link #settle settles} it at the current instant.
 */
final class PhasedRelease {
    /** Percent of auto-update users on day 1…7. */
    static final List<Integer> SCHEDULE = List.of(1, 2, 5, 10, 20, 50, 100);
    static final Duration DAY = Duration.ofDays(1);
    static final Duration PAUSE_LIMIT = Duration.ofDays(30);

    private PhasedReleaseState state = PhasedReleaseState.INACTIVE;
    private Instant startDate;
    private Duration pausedBefore = Duration.ZERO;
    private Instant pausedSince;
    private boolean resumedByApple;

    PhasedReleaseState state() {
        return state;
    }

    /**
     * Applies what Apple does on its own up to {@code now}. What happens when the 30 days of pauses are used
     * up is UNVERIFIED (REFERENCE §2); the simulator resumes the release then, because a pause cannot last longer.
     */
    void settle(Instant now) {
        if (state == PhasedReleaseState.PAUSED && pausedBefore.plus(Duration.between(pausedSince, now)).compareTo(PAUSE_LIMIT) >= 0) {
            pausedSince = null;
            pausedBefore = PAUSE_LIMIT;
            state = PhasedReleaseState.ACTIVE;
            resumedByApple = true;
        }
        if (state == PhasedReleaseState.ACTIVE && activeTime(now).compareTo(DAY.multipliedBy(SCHEDULE.size() - 1)) >= 0) {
            state = PhasedReleaseState.COMPLETE;
        }
    }

    void activate(Instant now) {
        if (state == PhasedReleaseState.INACTIVE) {
            startDate = now;
        } else if (state == PhasedReleaseState.PAUSED) {
            pausedBefore = pausedBefore.plus(Duration.between(pausedSince, now));
            pausedSince = null;
        }
        state = PhasedReleaseState.ACTIVE;
    }

    void pause(Instant now) {
        pausedSince = now;
        state = PhasedReleaseState.PAUSED;
    }

    void complete(Instant now) {
        if (state == PhasedReleaseState.PAUSED) {
            activate(now);
        }
        state = PhasedReleaseState.COMPLETE;
    }

    boolean pausesUsedUp() {
        return pausedBefore.compareTo(PAUSE_LIMIT) >= 0;
    }

    /** 1…7; 0 before the release started. */
    int day(Instant now) {
        if (state == PhasedReleaseState.INACTIVE) {
            return 0;
        }
        if (state == PhasedReleaseState.COMPLETE) {
            return SCHEDULE.size();
        }
        return (int) Math.min(SCHEDULE.size(), activeTime(now).toDays() + 1);
    }

    int percent(Instant now) {
        return switch (state) {
            case INACTIVE -> 0;
            case COMPLETE -> 100;
            default -> SCHEDULE.get(day(now) - 1);
        };
    }

    /** The percent Apple moves to at the next day boundary (100 on and after day 6). */
    int percentNextDay(Instant now) {
        return SCHEDULE.get(Math.min(SCHEDULE.size(), day(now) + 1) - 1);
    }

    /** When the next day of ACTIVE time starts, if the release is running. */
    Instant nextDayAt(Instant now) {
        Duration intoDay = Duration.ofMillis(activeTime(now).toMillis() % DAY.toMillis());
        return now.plus(DAY.minus(intoDay));
    }

    Duration totalPauseDuration(Instant now) {
        return pausedSince == null ? pausedBefore : pausedBefore.plus(Duration.between(pausedSince, now));
    }

    String describe(Instant now) {
        return "day " + day(now) + ", " + percent(now) + "%, paused " + totalPauseDuration(now).toHours() + "h of "
                + PAUSE_LIMIT.toHours() + "h" + (resumedByApple ? "; resumed by App Store when the 30 days of pauses were used" : "");
    }

    private Duration activeTime(Instant now) {
        return Duration.between(startDate, now).minus(totalPauseDuration(now));
    }
}
