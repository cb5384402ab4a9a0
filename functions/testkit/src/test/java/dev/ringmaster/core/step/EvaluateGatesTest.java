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
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tick judges whatever the targets do, writes its intent with its state, and owns the outbox. */
class EvaluateGatesTest {
    private final StepWorld w = new StepWorld();

    private EvaluateGates.Result tick() {
        w.clock.advance(Duration.ofMinutes(5));
        return w.evaluate().tick(StepWorld.ID);
    }

    /**
     * Issue 15, flat in history: a tick reads a tracked metric only after the newest sample its ledger folded in,
     * so its reads, its judging and its write stay the same size however long the phase has run.
     */
    @Test
    void aTickReadsOnlyWhatCameAfterItsLedger_notThePhaseSoFar() {
        String plan = StepWorld.plan(0, 200_000).replace("source: static, query: {bad: 0, total: 200000}",
                "source: prometheus, query: {bad: crashes, total: sessions}");
        // one healthy sample per 5 minutes, stamped on the 5-minute grid, in (from, to]
        w.source.set((def, rollout, version, from, to) -> {
            List<Sample> out = new ArrayList<>();
            for (Instant at = from.truncatedTo(ChronoUnit.HOURS); !at.isAfter(to); at = at.plus(Duration.ofMinutes(5))) {
                if (at.isAfter(from)) {
                    out.add(new Sample(at, new Measure.Counts(10, 20_000), null));
                }
            }
            return out;
        });
        w.startLive(plan);
        Instant live = w.clock.instant();
        for (int i = 0; i < 6; i++) {
            tick();
        }
        List<String> reads = w.reads.stream().filter(r -> r.startsWith("crash_rate ")).toList();
        assertEquals("crash_rate " + live + " " + live.plus(Duration.ofMinutes(5)), reads.get(0), "the first tick reads the phase");
        Instant now = w.clock.instant();
        assertEquals("crash_rate " + now.minus(Duration.ofMinutes(5)) + " " + now, reads.get(reads.size() - 1),
                "the sixth reads the last 5 minutes, not 30");
        assertTrue(w.stored().ledger().startsWith("ledger 1 0 " + live), w.stored().ledger());

        for (int i = 0; i < 6; i++) {
            tick();
        }
        assertEquals(1, w.rollout().phaseIndex(), "an hour of healthy ticks judged from the ledger advanced the rollout");
        assertEquals(null, w.stored().ledger(), "the phase changed: its ledger went with it");
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
