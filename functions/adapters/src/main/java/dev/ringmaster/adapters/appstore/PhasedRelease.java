package dev.ringmaster.adapters.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * An App Store version phased release as App Store Connect reports it (Bagbutik {@code AppStoreVersionPhasedRelease}:
 * {@code phasedReleaseState}, {@code currentDayNumber}, {@code startDate}, {@code totalPauseDuration}). Apple moves it
 * on by itself along a fixed schedule; ringmaster can only start, pause, resume or complete it.
 *
 * @param totalPauseDays {@code totalPauseDuration}; its unit is not documented (REFERENCE §2 UNVERIFIED), read as days
 *                       the way the appstore_connect client reads it, against Apple's "30 days" pause limit
 */
record PhasedRelease(String id, String state, int currentDayNumber, Instant startDate, int totalPauseDays) {
    /** Percent of auto-update users on day 1…7 (Apple help, "Release a version update in phases"). */
    static final List<Integer> SCHEDULE = List.of(1, 2, 5, 10, 20, 50, 100);
    static final Duration PAUSE_LIMIT = Duration.ofDays(30);
    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");
    static final String INACTIVE = "INACTIVE";
    static final String ACTIVE = "ACTIVE";
    static final String PAUSED = "PAUSED";
    static final String COMPLETE = "COMPLETE";

    static PhasedRelease of(JsonNode resource) {
        JsonNode a = resource.path("attributes");
        return new PhasedRelease(resource.path("id").asText(), a.path("phasedReleaseState").asText(INACTIVE),
                a.path("currentDayNumber").asInt(0), instant(a.path("startDate")), a.path("totalPauseDuration").asInt(0));
    }

    double percent() {
        return switch (state) {
            case INACTIVE -> 0;
            case COMPLETE -> 100;
            default -> SCHEDULE.get(day() - 1);
        };
    }

    /** The percent Apple moves to when the next day starts (100 from day 6 on). */
    int percentNextDay() {
        return SCHEDULE.get(Math.min(SCHEDULE.size(), day() + 1) - 1);
    }

    /**
     * Pause time used so far, at least: {@code totalPauseDuration}, or, while a pause runs (which it may not count
     * yet), the time since {@code startDate} that was not one of the {@code currentDayNumber} days.
     */
    Duration pausedAtLeast(Instant now) {
        Duration reported = Duration.ofDays(totalPauseDays);
        if (startDate == null || currentDayNumber == 0) {
            return reported;
        }
        Duration beyondDays = Duration.between(startDate, now).minus(Duration.ofDays(currentDayNumber));
        return beyondDays.compareTo(reported) > 0 ? beyondDays : reported;
    }

    boolean pausesUsedUp(Instant now) {
        return pausedAtLeast(now).compareTo(PAUSE_LIMIT) >= 0;
    }

    String describe(Instant now) {
        return state + ", day " + currentDayNumber + ", " + (int) percent() + "%, paused " + pausedAtLeast(now).toDays() + " of "
                + PAUSE_LIMIT.toDays() + " days";
    }

    private int day() {
        return Math.max(1, Math.min(SCHEDULE.size(), currentDayNumber));
    }

    private static Instant instant(JsonNode n) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeParseException iso) {
            try {
                // App Store Connect also writes offsets without a colon: 2026-05-04T07:00:00.000+0000
                return OffsetDateTime.parse(n.asText(), COMPACT_OFFSET).toInstant();
            } catch (DateTimeParseException compact) {
                return null;
            }
        }
    }
}
