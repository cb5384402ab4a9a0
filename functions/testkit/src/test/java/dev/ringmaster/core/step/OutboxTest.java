package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.rollout.Command;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tick's side of the outbox: what is owed is sent again when due, what was overtaken is closed. */
class OutboxTest {
    private final StepWorld w = new StepWorld();

    private Outbox.Pass pass() {
        return new Outbox(w.store, w.bus(), Outbox.GRACE).redeliver(StepWorld.ID, w.stored().effect(), w.clock.instant());
    }

    @Test
    void aFreshIntentIsLeftToTheStepItsEventWentTo() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        int before = w.published.size();

        w.clock.advance(Duration.ofSeconds(59));
        assertEquals(0, pass().resent());
        assertEquals(before, w.published.size());
    }

    @Test
    void anIntentWhoseEventWasLost_isSentAgainOnceItsGraceIsOver() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent lost = w.last();

        w.clock.advance(Outbox.GRACE);
        Outbox.Pass p = pass();

        assertEquals(1, p.resent());
        assertEquals(lost, w.last(), "the same event, action and all");
    }

    @Test
    void aFailedActionIsSentAgainOnlyOnceItsRetryTimeCame() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent halt = w.last();
        w.targetDown.set(new RolloutTarget.Unavailable("503"));
        assertThrows(RuntimeException.class, () -> w.deliver(halt));
        w.store.markNotified(StepWorld.ID, halt.intentId());

        w.clock.advance(Duration.ofSeconds(29));
        assertEquals(0, pass().resent(), "before its retry time (30 s after the failure)");
        w.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, pass().resent());
    }

    @Test
    void anIntentALaterOneOvertook_isClosed_andOnlyItsMessageIsSentAgain() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent halt = w.last();
        w.command(Command.Type.ROLLBACK);
        w.clock.advance(Outbox.GRACE);

        Outbox.Pass p = pass();

        assertEquals(1, p.superseded());
        assertTrue(w.intent(halt).outcome().startsWith("superseded: "));
        List<RolloutEvent> again = w.published.stream().filter(e -> e.version() == halt.version()).toList();
        assertEquals(Action.NONE, again.get(again.size() - 1).action(), "never sent to pause-store-rollout again, only to notify-channel");
    }

    @Test
    void anIntentAStepHoldsIsNotSentWhileTheStepActs() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent halt = w.last();
        w.store.markNotified(StepWorld.ID, halt.intentId());
        w.clock.advance(Outbox.GRACE);
        w.store.claimEffect(w.intent(halt), w.clock.instant(), w.clock.instant().plusSeconds(60));

        assertEquals(0, pass().resent());
    }

    @Test
    void aBusThatFailsIsNoted_notThrown_andTheIntentStaysOwed() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent halt = w.last();
        w.clock.advance(Outbox.GRACE);
        w.busDown.set(new IllegalStateException("EventBridge: InternalFailure"));

        Outbox.Pass p = pass();

        assertEquals(List.of(halt.intentId() + ": EventBridge: InternalFailure"), p.failures());
        assertTrue(w.intent(halt).actionOpen());
    }
}
