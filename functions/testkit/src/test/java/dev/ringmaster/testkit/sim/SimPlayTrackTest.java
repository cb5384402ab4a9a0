package dev.ringmaster.testkit.sim;

import dev.ringmaster.testkit.VirtualClock;
import static dev.ringmaster.testkit.sim.Fixtures.PLAY;
import static dev.ringmaster.testkit.sim.Fixtures.T0;
import static dev.ringmaster.testkit.sim.Fixtures.percent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import dev.ringmaster.core.port.TargetState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimPlayTrackTest {
    private final SimPlayTrack play = new SimPlayTrack(new VirtualClock(T0));

    @ParameterizedTest(name = "{0} userFraction {1}")
    @CsvSource(nullValues = "null", value = {
            "inProgress, 0.0",
            "inProgress, 1.0",
            "inProgress, -0.1",
            "inProgress, 1.5",
            "inProgress, null",
            "halted, 1.0",
    })
    void playUserFractionOutsideZeroOneIsRefused(String status, Double fraction) {
        Refused e = assertThrows(Refused.class,
                () -> play.updateTrack("com.example.vpn", "production", List.of("2100"), status, fraction));
        assertEquals("userFraction must be in (0, 1)", e.getMessage());
        assertTrue(play.release("com.example.vpn", "production").isEmpty(), "a refused update changes nothing");
    }

    @Test
    void playUserFractionIsRefusedOnAReleaseThatIsNotStaged() {
        Refused e = assertThrows(Refused.class,
                () -> play.updateTrack("com.example.vpn", "production", List.of("2100"), "completed", 0.5));
        assertEquals("userFraction is only allowed for inProgress and halted releases", e.getMessage());
    }

    @Test
    void playStagedRolloutNeverShrinks() {
        play.enter(PLAY, percent(20), "2.1.0");

        Refused e = assertThrows(Refused.class, () -> play.enter(PLAY, percent(10), "2.1.0"));

        assertTrue(e.getMessage().endsWith("Play does not let a staged rollout shrink"), e.getMessage());
        assertEquals(0.2, play.release("com.example.vpn", "production").orElseThrow().userFraction());
        play.complete(PLAY, "2.1.0");
        assertThrows(Refused.class, () -> play.enter(PLAY, percent(50), "2.1.0"), "completed is 100 %: 50 % would shrink it");
    }

    @Test
    void playHaltKeepsFractionAndResumeRestoresIt() {
        play.enter(PLAY, percent(10), "2.1.0");

        TargetState halted = play.halt(PLAY, percent(10), "2.1.0");
        assertEquals(new TargetState("halted", 10, ""), halted);
        assertEquals(new PlayRelease(List.of("2100"), "halted", 0.1), play.release("com.example.vpn", "production").orElseThrow());

        TargetState resumed = play.enter(PLAY, percent(10), "2.1.0");
        assertEquals(new TargetState("inProgress", 10, ""), resumed);
    }

    @Test
    void playHundredPercentCompletes() {
        play.enter(PLAY, percent(50), "2.1.0");

        TargetState state = play.enter(PLAY, percent(100), "2.1.0");

        assertEquals("completed", state.status());
        assertEquals(100, state.percent());
        assertNull(play.release("com.example.vpn", "production").orElseThrow().userFraction());
    }

    @Test
    void playRollbackOnlyHaltsBecausePlayCannotWithdrawARelease() {
        play.enter(PLAY, percent(5), "2.1.0");

        TargetState state = play.rollback(PLAY, percent(5), "2.1.0");

        assertEquals(new TargetState("halted", 5, "Play cannot withdraw a release: halted; ship a higher versionCode"), state);
    }

    @Test
    void playHaltOfAReleaseThatIsNotThereIsRefused() {
        Refused e = assertThrows(Refused.class, () -> play.halt(PLAY, percent(5), "2.1.0"));
        assertEquals("notFound: no release of [2100] on the track", e.getMessage());
    }

    @Test
    void playHaltInTheConsoleIsSeenByObserve() {
        play.enter(PLAY, percent(20), "2.1.0");

        play.haltByHand("com.example.vpn", "production");

        assertEquals(new TargetState("halted", 20, ""), play.observe(PLAY, "2.1.0"));
    }

    @Test
    void playEnteringTheSamePhaseTwiceLeavesTheSameRelease() {
        TargetState first = play.enter(PLAY, percent(7), "2.1.0");
        TargetState second = play.enter(PLAY, percent(7), "2.1.0");

        assertEquals(first, second);
        assertEquals(7, second.percent(), "0.07 × 100 is shown as 7, not 7.000000000000001");
    }
}
