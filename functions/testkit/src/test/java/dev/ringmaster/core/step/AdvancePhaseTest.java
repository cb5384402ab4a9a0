package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.core.rollout.Command;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** advance-phase takes the actions that widen the audience, and only those. */
class AdvancePhaseTest {
    private final StepWorld w = new StepWorld();

    @Test
    void startResumeAndPromote_widenTheAudienceOnTheTarget() {
        w.startLive(StepWorld.HEALTHY);
        assertEquals("inProgress 10%", w.track());
        w.command(Command.Type.PAUSE);
        w.deliver(w.last());
        w.command(Command.Type.RESUME);

        w.advance().handle(w.last(), w.clock.instant().plus(Duration.ofMinutes(1)));
        assertEquals("inProgress 10%", w.track(), "resumed at the paused phase's audience");

        w.command(Command.Type.PROMOTE);
        w.advance().handle(w.last(), w.clock.instant().plus(Duration.ofMinutes(1)));
        assertEquals("completed", w.track());
    }

    @Test
    void aHaltIsNotAdvancePhases() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);

        assertEquals(Optional.empty(), w.advance().handle(w.last(), w.clock.instant().plus(Duration.ofMinutes(1))));
        assertEquals("inProgress 10%", w.track());
    }
}
