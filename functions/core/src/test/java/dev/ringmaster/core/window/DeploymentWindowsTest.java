package dev.ringmaster.core.window;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.ringmaster.core.window.Seed003.BERLIN;
import static dev.ringmaster.core.window.Seed003.DENY;
import static dev.ringmaster.core.window.Seed003.WINDOWS;
import static dev.ringmaster.core.window.Seed003.berlin;
import static dev.ringmaster.core.window.Seed003.slot;
import static java.time.DayOfWeek.SUNDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 003 "Deployment Timing" with the CONTRACTS.md §1 windows (Europe/Berlin). */
class DeploymentWindowsTest {

    @ParameterizedTest(name = "{0}: {1} Berlin allowed={2}")
    @CsvSource({
            "Tue at 10:00 opens,            2026-12-01T10:00, true",
            "Wed mid-window,                2026-12-02T12:30, true",
            "Thu last minute,               2026-12-03T13:59, true",
            "Tue at 14:00 is closed,        2026-12-01T14:00, false",
            "Thu before 10:00,              2026-12-03T09:59, false",
    })
    void tuesdayToThursdayTenToTwoIsOptimal(String name, String local, boolean allowed) {
        assertEquals(allowed, WINDOWS.allows(berlin(local)));
    }

    @ParameterizedTest(name = "{0}: {1} Berlin allowed={2}")
    @CsvSource({
            "Mon at 11:00 opens,     2026-11-30T11:00, true",
            "Mon last minute,        2026-11-30T13:59, true",
            "Mon 10:30 is too early, 2026-11-30T10:30, false",
            "Mon at 14:00 is closed, 2026-11-30T14:00, false",
    })
    void mondayElevenToTwoIsAcceptable(String name, String local, boolean allowed) {
        assertEquals(allowed, WINDOWS.allows(berlin(local)));
    }

    @ParameterizedTest(name = "{0}: {1} Berlin")
    @CsvSource({
            "Fri at noon,      2026-11-27T12:00",
            "Fri afternoon,    2026-11-27T13:00",
            "Fri late evening, 2026-11-27T23:30",
    })
    void fridayAfterNoonIsDenied(String name, String local) {
        WindowCheck check = WINDOWS.check(berlin(local), false);
        assertFalse(check.allowed());
        assertTrue(check.reason().contains("denied (deny slot FRI from 12:00)"), check.reason());
    }

    @Test
    void fridayMorningHasNoAllowSlot() {
        WindowCheck check = WINDOWS.check(berlin("2026-11-27T10:30"), false);
        assertFalse(check.allowed());
        assertEquals("Fri 2026-11-27 10:30 Europe/Berlin is outside every allow slot (TUE,WED,THU 10:00–14:00; "
                + "MON 11:00–14:00); next allowed Mon 2026-11-30 11:00 Europe/Berlin", check.reason());
    }

    @ParameterizedTest(name = "{0}: {1} Berlin allowed={2}")
    @CsvSource({
            "Tue 15:59 (deny slots only), 2026-12-01T15:59, true",
            "Tue at 16:00,                2026-12-01T16:00, false",
            "Wed 22:00,                   2026-12-02T22:00, false",
            "Sat 23:59,                   2026-12-05T23:59, false",
            "Sun just after midnight,     2026-12-06T00:00, true",
    })
    void afterFourPmIsDenied(String name, String local, boolean allowed) {
        // The seed's allow slots close at 14:00 anyway, so the deny rule is seen on its own here.
        DeploymentWindows denyOnly = new DeploymentWindows(BERLIN, List.of(), DENY);
        WindowCheck check = denyOnly.check(berlin(local), false);
        assertEquals(allowed, check.allowed(), check.reason());
        if (!allowed) {
            assertTrue(check.reason().contains("deny slot every day from 16:00"), check.reason());
        }
    }

    @ParameterizedTest(name = "{0}: {1} Berlin")
    @CsvSource({
            "Christmas Eve (Thu) in the allow slot, 2026-12-24T11:00",
            "New Year's Eve (Thu) at 10:00,         2026-12-31T10:00",
    })
    void holidayDatesAreDenied(String name, String local) {
        WindowCheck check = WINDOWS.check(berlin(local), false);
        assertFalse(check.allowed());
        assertTrue(check.reason().contains("deny slot 2026-12-24,2026-12-31"), check.reason());
        assertTrue(WINDOWS.allows(berlin(local).minus(Duration.ofDays(2))), "same slot two days earlier is open");
    }

    @ParameterizedTest(name = "{0}: {1} Berlin")
    @CsvSource({
            "Fri afternoon,      2026-11-27T13:00",
            "Christmas Eve,      2026-12-24T11:00",
            "Sunday night 03:00, 2026-11-29T03:00",
    })
    void securityHotfixIgnoresWindows(String name, String local) {
        WindowCheck check = WINDOWS.check(berlin(local), true);
        assertTrue(check.allowed());
        assertEquals(berlin(local), check.nextAllowed());
        assertEquals("security hotfix: deployment windows do not apply", check.reason());
    }

    @ParameterizedTest(name = "{0}: {1} → {2} Berlin")
    @CsvSource({
            "Fri afternoon waits for Monday,             2026-11-27T13:00, 2026-11-30T11:00",
            "Wed 15:00 skips Christmas Eve and Friday,   2026-12-23T15:00, 2026-12-28T11:00",
            "Wed 15:00 skips New Year's Eve into 2027,   2026-12-30T15:00, 2027-01-04T11:00",
            "Tue early morning waits for 10:00,          2026-12-01T09:00, 2026-12-01T10:00",
            "Mon 10:00 waits for 11:00,                  2026-11-30T10:00, 2026-11-30T11:00",
            "Thu at 14:00 waits for Monday,              2026-12-03T14:00, 2026-12-07T11:00",
            "Sat waits for Monday,                       2026-11-28T10:00, 2026-11-30T11:00",
            "already allowed is now,                     2026-12-02T12:34, 2026-12-02T12:34",
    })
    void advanceDueInDeniedSlotWaitsForNextAllowed(String name, String from, String expected) {
        assertEquals(Optional.of(berlin(expected)), WINDOWS.nextAllowed(berlin(from)));
    }

    @Test
    void deniedCheckNamesTheSlotAndTheNextAllowedTime() {
        WindowCheck check = WINDOWS.check(berlin("2026-11-27T13:00"), false);
        assertEquals(berlin("2026-11-30T11:00"), check.nextAllowed());
        assertEquals("Fri 2026-11-27 13:00 Europe/Berlin is denied (deny slot FRI from 12:00); "
                + "next allowed Mon 2026-11-30 11:00 Europe/Berlin", check.reason());
    }

    @Test
    void allowedCheckNamesTheAllowSlot() {
        WindowCheck check = WINDOWS.check(berlin("2026-12-01T10:15"), false);
        assertTrue(check.allowed());
        assertEquals("Tue 2026-12-01 10:15 Europe/Berlin is allowed (allow slot TUE,WED,THU 10:00–14:00)", check.reason());
    }

    @ParameterizedTest(name = "{0}: {1} → {2} Berlin = {3}")
    @CsvSource({
            // 2026-03-29 02:00 CET becomes 03:00 CEST: Berlin is UTC+2 afterwards.
            "Fri before spring-forward → Mon,  2026-03-27T12:00:00Z, 2026-03-30T11:00, 2026-03-30T09:00:00Z",
            "Mon after spring-forward → Tue,   2026-03-30T13:00:00Z, 2026-03-31T10:00, 2026-03-31T08:00:00Z",
    })
    void dstSpringForwardKeepsLocalTenOClock(String name, Instant from, LocalDateTime local, Instant expected) {
        Instant next = WINDOWS.nextAllowed(from).orElseThrow();
        assertEquals(expected, next);
        assertEquals(local, LocalDateTime.ofInstant(next, BERLIN));
    }

    @Test
    void dstSpringForwardGapBoundaryOpensAtTheTransition() {
        // 02:30 never happens on 2026-03-29 in Berlin: the slot opens when clocks jump to 03:00 CEST (01:00Z).
        DeploymentWindows gap = new DeploymentWindows(BERLIN, List.of(slot(Set.of(SUNDAY), "02:30", "04:00")), List.of());
        assertEquals(Optional.of(Instant.parse("2026-03-29T01:00:00Z")), gap.nextAllowed(Instant.parse("2026-03-28T20:00:00Z")));
        assertFalse(gap.allows(Instant.parse("2026-03-29T02:00:00Z")), "04:00 CEST closes the slot");
    }

    @ParameterizedTest(name = "{0}: {1} → {2} Berlin = {3}")
    @CsvSource({
            // 2026-10-25 03:00 CEST becomes 02:00 CET: Berlin is UTC+1 afterwards.
            "Fri before fall-back → Mon, 2026-10-23T11:00:00Z, 2026-10-26T11:00, 2026-10-26T10:00:00Z",
            "Mon after fall-back → Tue,  2026-10-26T13:00:00Z, 2026-10-27T10:00, 2026-10-27T09:00:00Z",
    })
    void dstFallBackKeepsLocalTenOClock(String name, Instant from, LocalDateTime local, Instant expected) {
        Instant next = WINDOWS.nextAllowed(from).orElseThrow();
        assertEquals(expected, next);
        assertEquals(local, LocalDateTime.ofInstant(next, BERLIN));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource({
            "first 02:10 (CEST) waits for first 02:30,   2026-10-25T00:10:00Z, 2026-10-25T00:30:00Z",
            "second 02:10 (CET) waits for second 02:30,  2026-10-25T01:10:00Z, 2026-10-25T01:30:00Z",
    })
    void dstFallBackRepeatedHourIsDeniedBothTimes(String name, Instant from, Instant expected) {
        DeploymentWindows repeated = new DeploymentWindows(BERLIN, List.of(), List.of(slot(Set.of(SUNDAY), "02:00", "02:30")));
        assertEquals(Optional.of(expected), repeated.nextAllowed(from));
    }

    @Test
    void dstFallBackClockGoingBackLeavesALateSlot() {
        // 02:45 CEST is in the 02:30–03:30 deny slot; at 01:00Z the clock reads 02:00 CET, outside it again.
        DeploymentWindows late = new DeploymentWindows(BERLIN, List.of(), List.of(slot(Set.of(SUNDAY), "02:30", "03:30")));
        assertEquals(Optional.of(Instant.parse("2026-10-25T01:00:00Z")), late.nextAllowed(Instant.parse("2026-10-25T00:45:00Z")));
    }

    @Test
    void windowsThatNeverOpenAgainGiveNoNextAllowed() {
        DeploymentWindows past = new DeploymentWindows(BERLIN,
                List.of(new WindowSlot(Set.of(), null, null, Set.of(LocalDate.parse("2020-01-01")))), List.of());
        WindowCheck check = past.check(berlin("2026-12-01T10:00"), false);
        assertFalse(check.allowed());
        assertNull(check.nextAllowed());
        assertTrue(check.reason().endsWith("; no allowed time within 400 days"), check.reason());
    }

    @Test
    void nextAllowedFindsAnOpeningNearTheEndOfTheHorizon() {
        LocalDate day = LocalDate.parse("2027-12-01");
        DeploymentWindows once = new DeploymentWindows(ZoneId.of("UTC"),
                List.of(new WindowSlot(Set.of(), LocalTime.parse("09:00"), null, Set.of(day))), List.of());
        assertEquals(Optional.of(Instant.parse("2027-12-01T09:00:00Z")), once.nextAllowed(Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void alwaysAllowsEverything() {
        Instant t = Instant.parse("2026-11-27T15:00:00Z");
        assertTrue(DeploymentWindows.always().allows(t));
        assertEquals(Optional.of(t), DeploymentWindows.always().nextAllowed(t));
    }
}
