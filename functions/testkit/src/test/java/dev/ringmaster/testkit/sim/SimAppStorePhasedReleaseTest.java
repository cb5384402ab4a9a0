package dev.ringmaster.testkit.sim;

import dev.ringmaster.testkit.VirtualClock;
import static dev.ringmaster.testkit.sim.Fixtures.APP_STORE;
import static dev.ringmaster.testkit.sim.Fixtures.T0;
import static dev.ringmaster.testkit.sim.Fixtures.percent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import dev.ringmaster.core.port.TargetState;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimAppStorePhasedReleaseTest {
    private final VirtualClock clock = new VirtualClock(T0);
    private final SimAppStorePhasedRelease appStore = new SimAppStorePhasedRelease(clock);

    @ParameterizedTest(name = "after {0}h: {1} {2}%")
    @CsvSource({
            "0,   ACTIVE,   1",
            "23,  ACTIVE,   1",
            "24,  ACTIVE,   2",
            "48,  ACTIVE,   5",
            "72,  ACTIVE,   10",
            "96,  ACTIVE,   20",
            "120, ACTIVE,   50",
            "143, ACTIVE,   50",
            "144, COMPLETE, 100",
            "400, COMPLETE, 100",
    })
    void appStoreFollowsApplesSevenDaySchedule(long hours, String status, double percent) {
        appStore.enter(APP_STORE, percent(100), "2.1.0");

        clock.advance(Duration.ofHours(hours));
        TargetState state = appStore.observe(APP_STORE, "2.1.0");

        assertEquals(status, state.status());
        assertEquals(percent, state.percent());
    }

    @Test
    void appStorePausedDaysDoNotCount() {
        appStore.enter(APP_STORE, percent(2), "2.1.0");
        clock.advance(Duration.ofHours(25));
        appStore.halt(APP_STORE, percent(2), "2.1.0");

        clock.advance(Duration.ofDays(10));
        assertEquals(2, appStore.observe(APP_STORE, "2.1.0").percent(), "ten paused days: still day 2");

        appStore.enter(APP_STORE, percent(5), "2.1.0");
        clock.advance(Duration.ofHours(22));
        assertEquals(2, appStore.observe(APP_STORE, "2.1.0").percent(), "47 active hours: day 2");
        clock.advance(Duration.ofHours(1));
        assertEquals(5, appStore.observe(APP_STORE, "2.1.0").percent(), "48 active hours: day 3");
    }

    @Test
    void appStorePausingPast30DaysIsRefused() {
        appStore.enter(APP_STORE, percent(1), "2.1.0");
        appStore.halt(APP_STORE, percent(1), "2.1.0");
        clock.advance(Duration.ofDays(20));
        appStore.enter(APP_STORE, percent(1), "2.1.0");
        appStore.halt(APP_STORE, percent(1), "2.1.0");
        clock.advance(Duration.ofDays(10));

        TargetState resumed = appStore.observe(APP_STORE, "2.1.0");
        assertEquals("ACTIVE", resumed.status(), "30 days of pauses used: the release runs again");
        assertTrue(resumed.detail().contains("paused 720h of 720h"), resumed.detail());

        Refused e = assertThrows(Refused.class, () -> appStore.halt(APP_STORE, percent(1), "2.1.0"));
        assertEquals("phased release pauses are limited to 30 days in total", e.getMessage());
    }

    @Test
    void resumingACompletedPhasedReleaseIsRefused() {
        appStore.enter(APP_STORE, percent(10), "2.1.0");
        appStore.complete(APP_STORE, "2.1.0");

        Refused e = assertThrows(Refused.class, () -> appStore.enter(APP_STORE, percent(10), "2.1.0"));

        assertEquals("the phased release is already COMPLETE", e.getMessage());
        assertThrows(Refused.class, () -> appStore.halt(APP_STORE, percent(10), "2.1.0"), "nor can it be paused");
        assertEquals("COMPLETE", appStore.enter(APP_STORE, percent(100), "2.1.0").status(), "entering 100 % again changes nothing");
    }

    @Test
    void appStoreIsPausedBeforeTheScheduleWouldPassThePhase() {
        appStore.enter(APP_STORE, percent(10), "2.1.0");
        double highest = 0;
        for (int tick = 0; tick < 10 * 24 * 12; tick++) {
            clock.advance(Duration.ofMinutes(5));
            highest = Math.max(highest, appStore.pauseIfBeyond(APP_STORE, 10).percent());
        }

        assertEquals(10, highest);
        assertEquals("PAUSED", appStore.observe(APP_STORE, "2.1.0").status());
        assertEquals(Optional.empty(), appStore.nextScheduleStep(APP_STORE), "a paused release does not move by itself");
    }

    @Test
    void appStoreNextScheduleStepIsTheNextDayOfActiveTime() {
        appStore.enter(APP_STORE, percent(100), "2.1.0");
        clock.advance(Duration.ofHours(30));

        assertEquals(Optional.of(T0.plus(Duration.ofHours(48))), appStore.nextScheduleStep(APP_STORE));
    }

    @Test
    void appStoreRollbackOnlyPausesBecauseAppleCannotWithdrawAVersion() {
        appStore.enter(APP_STORE, percent(5), "2.1.0");

        TargetState state = appStore.rollback(APP_STORE, percent(5), "2.1.0");

        assertEquals("PAUSED", state.status());
        assertTrue(state.detail().startsWith("iOS has no rollback: the phased release is paused, users who have the version keep it; ship a hotfix"), state.detail());
    }
}
