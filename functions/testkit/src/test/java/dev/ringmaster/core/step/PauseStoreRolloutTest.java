package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.core.rollout.Command;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** pause-store-rollout takes halts, rollbacks and kills, and only those. */
class PauseStoreRolloutTest {
    private final StepWorld w = new StepWorld();

    @Test
    void aPauseHaltsTheTrack() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);

        w.pause().handle(w.last(), w.clock.instant().plus(Duration.ofMinutes(1)));

        assertEquals("halted 10%", w.track());
    }

    @Test
    void anEnterIsNotPauseStoreRollouts() {
        w.operate().handle(StepWorld.ID, new Command(Command.Type.START, "sam", "release", null, true, false), StepWorld.HEALTHY);

        assertEquals(Optional.empty(), w.pause().handle(w.last(), w.clock.instant().plus(Duration.ofMinutes(1))));
        assertEquals("none", w.track());
    }
}
