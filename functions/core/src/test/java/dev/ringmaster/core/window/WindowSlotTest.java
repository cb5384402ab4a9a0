package dev.ringmaster.core.window;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.stream.Stream;

import static dev.ringmaster.core.window.Seed003.slot;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowSlotTest {

    static Stream<Arguments> slots() {
        return Stream.of(
                Arguments.of("optimal days, in week order", slot(Set.of(THURSDAY, TUESDAY, WEDNESDAY), "10:00", "14:00"), "TUE,WED,THU 10:00–14:00"),
                Arguments.of("acceptable Monday", slot(Set.of(MONDAY), "11:00", "14:00"), "MON 11:00–14:00"),
                Arguments.of("Friday afternoon", slot(Set.of(FRIDAY), "12:00", null), "FRI from 12:00"),
                Arguments.of("every evening", slot(Set.of(), "16:00", null), "every day from 16:00"),
                Arguments.of("every morning", slot(Set.of(), null, "09:00"), "every day until 09:00"),
                Arguments.of("holiday", new WindowSlot(null, null, null, Set.of(LocalDate.parse("2026-12-24"))), "2026-12-24"),
                Arguments.of("holidays, sorted", new WindowSlot(null, null, null,
                        Set.of(LocalDate.parse("2026-12-31"), LocalDate.parse("2026-12-24"))), "2026-12-24,2026-12-31"),
                Arguments.of("holiday morning", new WindowSlot(null, null, LocalTime.NOON, Set.of(LocalDate.parse("2026-12-24"))), "2026-12-24 until 12:00"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("slots")
    void describesItselfForMessages(String name, WindowSlot slot, String expected) {
        assertEquals(expected, slot.describe());
        assertEquals(expected, slot.toString());
    }

    @Test
    void overnightSlotIsRejectedNamingTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> slot(Set.of(), "22:00", "06:00"));
        assertTrue(e.getMessage().contains("from 22:00 must be before to 06:00"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> slot(Set.of(), "10:00", "10:00"));
    }
}
