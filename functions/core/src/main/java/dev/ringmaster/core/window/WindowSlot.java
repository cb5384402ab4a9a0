package dev.ringmaster.core.window;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A span of local wall-clock time that recurs: on {@code days} (empty: every day), from {@code from} (null: start of
 * day) until {@code to} (null: end of day, 24:00), restricted to {@code dates} when that is non-empty. The span is
 * half-open, [from, to), so 10:00–14:00 admits 13:59:59 and not 14:00.
 */
public record WindowSlot(Set<DayOfWeek> days, LocalTime from, LocalTime to, Set<LocalDate> dates) {

    /**
     * Overnight slots (22:00–06:00) are rejected rather than wrapped: two slots, one up to 24:00 and one from 00:00,
     * say the same thing without ambiguity about which day the slot belongs to.
     *
     * @throws IllegalArgumentException when both bounds are given and {@code from} is not before {@code to}
     */
    public WindowSlot {
        days = days == null ? Set.of() : Set.copyOf(days);
        dates = dates == null ? Set.of() : Set.copyOf(dates);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException(
                    "window slot from " + from + " must be before to " + to + " (overnight slots are not supported: split at 24:00)");
        }
    }

    /** Whether this slot is in force on {@code date} at all, whatever the time. */
    public boolean appliesOn(LocalDate date) {
        return (dates.isEmpty() || dates.contains(date)) && (days.isEmpty() || days.contains(date.getDayOfWeek()));
    }

    public boolean contains(LocalDateTime local) {
        LocalTime time = local.toLocalTime();
        return appliesOn(local.toLocalDate())
                && (from == null || !time.isBefore(from))
                && (to == null || time.isBefore(to));
    }

    /** "TUE,WED,THU 10:00–14:00", "FRI from 12:00", "every day from 16:00", "2026-12-24,2026-12-31". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!dates.isEmpty()) {
            parts.add(new TreeSet<>(dates).stream().map(LocalDate::toString).collect(Collectors.joining(",")));
        }
        if (!days.isEmpty()) {
            parts.add(EnumSet.copyOf(days).stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(",")));
        }
        if (parts.isEmpty()) {
            parts.add("every day");
        }
        if (from != null && to != null) {
            parts.add(from + "–" + to);
        } else if (from != null) {
            parts.add("from " + from);
        } else if (to != null) {
            parts.add("until " + to);
        }
        return String.join(" ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }
}
