package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exactly once against the outside world (issue 9): claim, act, record; never stale, never lost. */
class EffectsTest {
    private final StepWorld w = new StepWorld();

    private List<String> actions() {
        return w.store.history(StepWorld.ID).stream().filter(h -> h.kind() == HistoryEntry.Kind.ACTION).map(HistoryEntry::what).toList();
    }

    @Test
    void anIntentActsOnce_howeverOftenItsEventIsDelivered() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent halt = w.last();

        String first = w.deliver(halt);
        String second = w.deliver(halt);

        assertEquals("done: google-play halted at 10%", first);
        assertEquals("", second, "settled: nothing to do");
        assertEquals(List.of("enter ok", "halt ok"), actions());
        assertEquals(2, w.sims.play().calls().size(), "two calls in all: " + w.sims.play().calls());
    }

    @Test
    void anEnterAPauseOvertook_neverActs_andIsClosedAsSupersededWithAHistoryEntry() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        w.deliver(w.last());
        w.command(Command.Type.RESUME);
        RolloutEvent resume = w.last();
        w.command(Command.Type.PAUSE);

        String answer = w.deliver(resume);

        assertEquals("superseded by v" + w.last().version() + " halt", answer);
        assertEquals("halted 10%", w.track(), "the paused rollout's track was never resumed");
        assertTrue(w.intent(resume).outcome().startsWith("superseded: v" + resume.version() + " resume phase-1 not applied"),
                w.intent(resume).outcome());
        assertEquals(List.of("enter ok", "halt ok", "resume superseded"), actions());
    }

    @Test
    void aCallTheTargetCouldNotTake_isRecordedWithItsRetryTime_releasesItsClaim_andFailsTheDelivery() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent halt = w.last();
        w.targetDown.set(new RolloutTarget.Unavailable("503 Service Unavailable"));

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> w.deliver(halt));

        assertEquals("503 Service Unavailable", thrown.getMessage());
        Effect e = w.stored().effect();
        assertEquals(Effect.Status.FAILED, e.status());
        assertEquals(1, e.attempts());
        assertEquals("google-play: 503 Service Unavailable", e.error());
        assertEquals(StepWorld.T0.plusSeconds(30), e.retryAt());
        assertEquals(null, e.holder(), "released: a redelivery may try at once");
        assertTrue(w.intent(halt).actionOpen());
        assertEquals(List.of("enter ok", "halt error (attempt 1)"), actions());

        w.targetDown.set(null);
        assertEquals("done: google-play halted at 10%", w.deliver(halt), "tried again, it goes through");
    }

    @Test
    void aCallTheTargetRefuses_isSettledRefused_andNeverTriedAgain() {
        w.operate().handle(StepWorld.ID, new Command(Command.Type.START, "sam", "release", null, true, false), StepWorld.HEALTHY);
        RolloutEvent enter = w.last();
        w.command(Command.Type.PAUSE);
        RolloutEvent halt = w.last();

        String answer = w.deliver(halt);

        assertEquals("refused: google-play: notFound: no release of [2100] on the track", answer);
        assertEquals(Effect.Status.REFUSED, w.stored().effect().status());
        assertEquals("", w.deliver(halt), "a refusal is final");
        assertTrue(w.intent(enter).actionOpen(), "the enter was never delivered; the tick closes it as superseded");
    }

    @Test
    void aRollbackIsRolledBackOnlyOnceTheTargetConfirmsIt() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.ROLLBACK);
        RolloutEvent rollback = w.last();
        assertEquals(RolloutState.ROLLING_BACK, w.rollout().state());

        w.targetDown.set(new RolloutTarget.Unavailable("timed out after 10 s"));
        assertThrows(RuntimeException.class, () -> w.deliver(rollback));
        assertEquals(RolloutState.ROLLBACK_FAILED, w.rollout().state(), "visible, never ROLLED_BACK while the track still serves it");

        w.targetDown.set(null);
        w.deliver(rollback);
        assertEquals(RolloutState.ROLLED_BACK, w.rollout().state());
        assertEquals("halted 10%", w.track());
    }

    @Test
    void anEventAskingSomethingElseThanItsIntent_isIgnored() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent halt = w.last();
        RolloutEvent forged = new RolloutEvent(halt.rolloutId(), halt.version(), null, Command.Type.ROLLBACK,
                dev.ringmaster.core.port.Action.ROLLBACK, halt.event(), halt.phase(), halt.phaseIndex(), halt.reasons(), "mallory", halt.at());

        assertEquals("", w.deliver(forged));
        assertEquals("inProgress 10%", w.track());
    }

    @Test
    void aStepWaitsWhileAnOlderStepStillActsForTheRollout() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        w.deliver(w.last());
        w.command(Command.Type.RESUME);
        RolloutEvent resume = w.last();
        w.store.claimEffect(w.intent(resume), w.clock.instant(), w.clock.instant().plusSeconds(60));
        w.command(Command.Type.ROLLBACK);

        String answer = w.deliver(w.last());

        assertTrue(answer.startsWith("not now: v" + resume.version() + " is acting until"), answer);
        assertEquals("halted 10%", w.track(), "the rollback waits: the resume in flight must not land after it");
    }

    @Test
    void failedCallsAreTriedAgainAfter30sDoublingUpTo5Minutes() {
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(5), Duration.ofMinutes(5)), List.of(Effects.backoff(0), Effects.backoff(1), Effects.backoff(2),
                Effects.backoff(3), Effects.backoff(4), Effects.backoff(40)));
    }

    @Test
    void aKillTurnsTheGlobalFlagOff_andRollsTheTargetBack() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.KILL);

        w.deliver(w.last());

        assertEquals(false, w.flags.value("system.canary.enabled").orElseThrow());
        assertEquals("halted 10%", w.track());
        assertSame(RolloutState.ROLLED_BACK, w.rollout().state());
    }
}
