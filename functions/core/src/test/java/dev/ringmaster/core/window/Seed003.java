package dev.ringmaster.core.window;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

/** The seed-003 windows exactly as CONTRACTS.md §1 writes them, and Berlin wall-clock helpers for the tests. */
final class Seed003 {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static final List<WindowSlot> DENY = List.of(
            slot(Set.of(FRIDAY), "12:00", null),
            slot(Set.of(), "16:00", null),
            new WindowSlot(Set.of(), null, null, Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-31"))));

    static final DeploymentWindows WINDOWS = new DeploymentWindows(BERLIN,
            List.of(slot(Set.of(TUESDAY, WEDNESDAY, THURSDAY), "10:00", "14:00"), slot(Set.of(MONDAY), "11:00", "14:00")),
            DENY);

    private Seed003() {
    }

    static WindowSlot slot(Set<DayOfWeek> days, String from, String to) {
        return new WindowSlot(days, from == null ? null : LocalTime.parse(from), to == null ? null : LocalTime.parse(to), Set.of());
    }

    /** "2026-11-27T13:00" on Berlin walls; in an overlap, the earlier (summer time) instant. */
    static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }
}
