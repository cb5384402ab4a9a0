package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tick judges whatever the targets do, writes its intent with its state, and owns the outbox. */
class EvaluateGatesTest {
    private final StepWorld w = new StepWorld();

    private EvaluateGates.Result tick() {
        w.clock.advance(Duration.ofMinutes(5));
        return w.evaluate().tick(StepWorld.ID);
    }

    @Test
    void judgingNeverWaitsOnActing_aTargetAnswering503StopsNoHaltRule() {
        w.startLive(StepWorld.plan(600, 20_000));
        w.targetDown.set(new RolloutTarget.Unavailable("503 Service Unavailable"));

        EvaluateGates.Result r = tick();

        assertEquals(DecisionType.HALT, r.decision().orElseThrow().type(), r.note());
        assertEquals(RolloutState.HALTED, w.rollout().state());
        assertEquals(Action.HALT, w.last().action(), "asked of pause-store-rollout, which the outbox will keep asking");
    }

    @Test
    void theIntentIsWrittenWithTheState_soABusThatFailsLosesNothing() {
        w.startLive(StepWorld.plan(600, 20_000));
        w.busDown.set(new IllegalStateException("EventBridge down"));

        EvaluateGates.Result r = tick();

        assertTrue(r.written());
        assertTrue(r.note().contains("the event is not on the bus yet (EventBridge down): the next tick sends it"), r.note());
        Effect e = w.stored().effect();
        assertEquals(Action.HALT, e.action());
        assertEquals(w.rollout().version(), e.version());
        assertEquals(1, w.store.openIntents(StepWorld.ID).stream().filter(i -> i.action() == Action.HALT).count());

        w.busDown.set(null);
        tick();
        assertEquals(Action.HALT, w.last().action(), "sent by the next tick");
    }

    @Test
    void aPhaseItsTargetHasNotConfirmed_neverAdvances() {
        w.operate().handle(StepWorld.ID, new Command(Command.Type.START, "sam", "release", null, true, false), StepWorld.HEALTHY);
        w.targetDown.set(new RolloutTarget.Unavailable("503"));
        w.clock.advance(Duration.ofHours(2));

        EvaluateGates.Result r = w.evaluate().tick(StepWorld.ID);

        assertEquals(DecisionType.HOLD, r.decision().orElseThrow().type());
        assertTrue(r.note().contains("waiting for phase 'phase-1' to go live: enter on google-play com.example.vpn production not confirmed yet"),
                r.note());
    }

    @Test
    void soakCountsFromWhenTheTargetConfirmedThePhase_notFromTheDecision() {
        w.operate().handle(StepWorld.ID, new Command(Command.Type.START, "sam", "release", null, true, false), StepWorld.HEALTHY);
        RolloutEvent enter = w.last();
        w.clock.advance(Duration.ofMinutes(40));
        w.deliver(enter);

        w.clock.advance(Duration.ofMinutes(30));
        EvaluateGates.Result r = w.evaluate().tick(StepWorld.ID);

        assertEquals(DecisionType.HOLD, r.decision().orElseThrow().type(), "70 min after the decision, 30 min live: " + r.note());
        assertTrue(r.note().contains("soaking: 30m of 1h left"), r.note());
    }

    @Test
    void theCircuitBreakerHaltsAfterAsManyFailedCallsAsThePlanAllows() {
        w.operate().handle(StepWorld.ID, new Command(Command.Type.START, "sam", "release", null, true, false), StepWorld.HEALTHY);
        RolloutEvent enter = w.last();
        w.targetDown.set(new RolloutTarget.Unavailable("503"));
        for (int i = 0; i < 3; i++) {
            w.deliverFailing(enter);
        }

        EvaluateGates.Result r = tick();

        assertEquals(DecisionType.HALT, r.decision().orElseThrow().type());
        assertTrue(r.note().contains("3 consecutive failed calls to carry out enter; last: google-play: 503"), r.note());
        assertTrue(r.note().contains("circuitBreaker.consecutiveErrors 3 reached: halting the rollout"), "a store canary is halted: " + r.note());
    }

    @Test
    void aProtectiveActionTheTargetFailed_isAnnouncedOnceAtCriticalSeverity() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        w.targetDown.set(new RolloutTarget.Unavailable("503 Service Unavailable"));
        w.deliverFailing(w.last());

        tick();
        tick();
        RolloutEvent alert = w.published.stream().filter(e -> e.event() == NotifyEvent.ACTION_FAILED).findFirst().orElseThrow();

        assertEquals(NotifyEvent.ACTION_FAILED, alert.event());
        assertTrue(alert.event().critical());
        assertTrue(alert.reasons().get(0).contains("halt failed: google-play: 503 Service Unavailable; tried again every tick"),
                alert.reasons().toString());
        assertEquals(1, w.published.stream().filter(e -> e.event() == NotifyEvent.ACTION_FAILED).map(RolloutEvent::intentId).distinct().count(),
                "one alert, not one every tick");
    }

    @Test
    void aTerminalRolloutStaysScheduledWhileItsOutboxOwesSomething() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PROMOTE);
        assertEquals(RolloutState.COMPLETED, w.rollout().state());

        tick();
        assertTrue(w.scheduler.schedules().containsKey(StepWorld.ID), "the COMPLETE is not carried out yet");

        w.deliver(w.last());
        w.store.openIntents(StepWorld.ID).forEach(i -> w.store.markNotified(StepWorld.ID, i.id()));
        tick();
        assertFalse(w.scheduler.schedules().containsKey(StepWorld.ID));
    }
}
