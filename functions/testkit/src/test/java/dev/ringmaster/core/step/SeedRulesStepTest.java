package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 10's seed rules as the steps carry them out against the simulated targets, one rule per test. */
class SeedRulesStepTest {
    private final StepWorld w = new StepWorld();

    /** Seed 000's flags per ring, seed 001's rings as ring tags: two rings with their own flag values. */
    private static final String RINGS = """
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: %s, version: "1.5.0"}
            spec:
              target: {type: container-ring, registry: ghcr.io, repository: wizzense/aitherzero, labelPrefix: com.aitherzero}
              flagStore: {provider: json, url: "file:flags.json"}
              metrics:
                errors: {kind: count, source: static, query: {value: 0}}
              phases:
                - {name: ring-0, ring: ring-0, soak: 1h, flags: {new_features: 100, debug_menu: true}, gates: [{metric: errors, max: 0}]}
                - {name: ring-1, ring: ring-1, soak: 1h, flags: {new_features: 50, debug_menu: false}, gates: [{metric: errors, max: 0}]}
                - {name: ring-2, ring: ring-2}
            """.formatted(StepWorld.ID);

    private double number(String flag) {
        return ((Number) w.flags.value(flag).orElseThrow(() -> new AssertionError("no flag " + flag))).doubleValue();
    }

    private void advanceOnce() {
        w.clock.advance(Duration.ofMinutes(61));
        EvaluateGates.Result r = w.tickAndDeliver();
        assertEquals(DecisionType.ADVANCE, r.decision().orElseThrow().type(), r.note());
    }

    @Test
    void seed000FlagsPerRing_eachRingsValuesAreWrittenForItsAudience() {
        w.startLive(RINGS);
        advanceOnce();

        assertEquals(100.0, number("audiences.ring-0.new_features"));
        assertEquals(50.0, number("audiences.ring-1.new_features"), "ring 1's value never overwrites ring 0's");
        assertEquals(Optional.of(true), w.flags.value("audiences.ring-0.debug_menu"));
        assertEquals(Optional.of(false), w.flags.value("audiences.ring-1.debug_menu"));
    }

    @Test
    void seed001Rollback_everyRingTheRolloutTagged_goesBackToItsLastGoodDigest_andWhatCannotBeUndoneIsSaid() {
        Plan plan = PlanParser.parse("rings.yaml", RINGS).plan();
        // ring-0 served 1.4.2 before; ring-1 was never tagged, so there is nothing to go back to.
        w.sims.registry().serve(plan.target(), "ring-0", "1.4.2");
        w.startLive(RINGS);
        advanceOnce();

        w.given(Command.Type.ROLLBACK);

        assertEquals(RolloutState.ROLLED_BACK, w.rollout().state());
        assertEquals(Optional.of(dev.ringmaster.testkit.sim.SimRegistry.digestOf("1.4.2")), w.sims.registry().digest("ghcr.io",
                "wizzense/aitherzero", "ring-0"));
        List<String> actions = w.store.history(StepWorld.ID).stream().filter(h -> h.kind() == HistoryEntry.Kind.ACTION)
                .map(h -> h.what() + ": " + h.reasons().get(0)).toList();
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("rollback refused: ring-1: could not undo on ring tag ghcr.io/wizzense/aitherzero")
                && a.contains("no earlier digest for ring ring-1")), actions.toString());
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("rollback ok (ring-0): ring-0:") && a.contains("ring-0 back to")), actions.toString());
        assertEquals(0.0, number("audiences.ring-0.new_features"), "every flag the rollout turned on is off");
        assertEquals(Optional.of(false), w.flags.value("audiences.ring-0.debug_menu"));
        assertEquals(0.0, number("audiences.ring-1.new_features"));
    }

    @Test
    void seed002Resume_gatesJudgeTheEvidenceGatheredSinceTheResume() {
        w.startLive(StepWorld.HEALTHY);
        w.clock.advance(Duration.ofMinutes(40));
        w.given(Command.Type.PAUSE);
        w.clock.advance(Duration.ofHours(3));
        Instant resumed = w.clock.instant();
        w.given(Command.Type.RESUME);
        w.reads.clear();

        w.clock.advance(Duration.ofMinutes(30));
        EvaluateGates.Result r = w.tickAndDeliver();

        assertTrue(w.reads.contains("crash_rate " + resumed + " " + w.clock.instant()), "read since the resume: " + w.reads);
        assertTrue(r.note().contains("soaking: 30m of 1h left"), "soak starts again at the resume: " + r.note());
    }

    @Test
    void seed002RestartAfterAFix_startAfterNeedsTheOldRolloutFixed_andRecordsTheLink() {
        w.startLive(StepWorld.HEALTHY);
        w.given(Command.Type.ROLLBACK);
        String next = "android-2-1-1";
        Command restart = new Command(Command.Type.START, "sam", "2.1.1 fixes the crash", null, true, false, null, StepWorld.ID);

        CommandResult early = w.operate().handle(next, restart, StepWorld.HEALTHY.replace(StepWorld.ID, next));
        w.given(Command.Type.MARK_FIXED);
        CommandResult fixed = w.operate().handle(next, restart, StepWorld.HEALTHY.replace(StepWorld.ID, next));

        assertEquals(StepWorld.ID + " was rolled back and is not marked fixed: fix the root cause and mark it fixed first (seed 003)",
                assertInstanceOf(CommandResult.Refused.class, early).reason());
        assertEquals(StepWorld.ID, assertInstanceOf(CommandResult.Accepted.class, fixed).rollout().after());
        assertTrue(w.store.history(StepWorld.ID).stream().anyMatch(h -> h.what().equals("restarted")
                && h.reasons().get(0).equals("restarted as " + next + " after its fix")));
    }

    @Test
    void seed004RollbackTime_aRollbackNotConfirmedWithinItsLimit_isAnnouncedOnce() {
        w.startLive(StepWorld.plan(0, 200_000).replace("  notify:", "  rollbackWithin: 30m\n  notify:"));
        w.targetDown.set(new RolloutTarget.Unavailable("503 Service Unavailable"));
        w.command(Command.Type.ROLLBACK);
        w.deliverFailing(w.last());

        w.clock.advance(Duration.ofMinutes(20));
        w.evaluate().tick(StepWorld.ID);
        w.evaluate().tick(StepWorld.ID);
        w.clock.advance(Duration.ofMinutes(11));
        w.evaluate().tick(StepWorld.ID);
        w.evaluate().tick(StepWorld.ID);

        List<RolloutEvent> slow = w.published.stream().filter(e -> e.event() == NotifyEvent.ROLLBACK_SLOW).toList();
        assertEquals(1, slow.size(), "once, after 30 minutes: " + w.published);
        assertTrue(slow.get(0).reasons().get(0).contains("is not confirmed after 30m (rollbackWithin of 'phase-1'): google-play: 503"),
                slow.get(0).reasons().toString());
        assertTrue(slow.get(0).event().critical(), "it reaches every team channel");
    }

    @Test
    void seed004RollbackTime_theConfirmedRollbackSaysHowLongItTook() {
        w.startLive(StepWorld.plan(0, 200_000).replace("  notify:", "  rollbackWithin: 30m\n  notify:"));
        w.targetDown.set(new RolloutTarget.Unavailable("503"));
        w.command(Command.Type.ROLLBACK);
        RolloutEvent rollback = w.last();
        w.deliverFailing(rollback);
        w.clock.advance(Duration.ofMinutes(12));
        w.targetDown.set(null);

        w.deliver(rollback);

        assertEquals(RolloutState.ROLLED_BACK, w.rollout().state());
        assertTrue(w.rollout().reason().startsWith("rolled back in 12m (rollbackWithin 30m)"), w.rollout().reason());
    }

    @Test
    void seed004CircuitBreaker_readsItsSignalInAPhaseThatDoesNotGateIt() {
        w.startLive(StepWorld.HEALTHY.replace("  metrics:\n", "  metrics:\n    crashes: {kind: count, source: static, query: {value: 0}}\n")
                .replace("  notify:", "  circuitBreaker: {consecutiveErrors: 3, metric: crashes}\n  notify:"));
        dev.ringmaster.core.port.MetricSource healthy = w.source.get();
        // The app panics on three ticks in a row; no gate or halt rule of the plan reads `crashes`.
        w.source.set((metric, rolloutId, version, from, to) -> !metric.name().equals("crashes")
                ? healthy.read(metric, rolloutId, version, from, to)
                : List.of(1, 2, 3).stream().map(i -> new Sample(to.minus(Duration.ofMinutes(5L * (3 - i))), new Measure.Events(2, 5), null)).toList());

        w.clock.advance(Duration.ofMinutes(15));
        EvaluateGates.Result r = w.tickAndDeliver();

        assertEquals(DecisionType.HALT, r.decision().orElseThrow().type(), r.note());
        assertTrue(r.note().contains("3 consecutive errors of crashes (2 events, 2 events, 2 events)"), r.note());
        assertEquals("halted 10%", w.track());
    }

    @Test
    void seed003Watching_aHaltedRolloutWhoseCriticalRollbackRuleFails_isRolledBack() {
        w.startLive(StepWorld.plan(0, 200_000).replace("action: pause", "action: rollback"));
        w.given(Command.Type.PAUSE);
        // The build stays on the devices that have it: after the pause its crash rate climbs to 5 %.
        w.source.set((metric, rolloutId, version, from, to) -> List.of(new Sample(to, new Measure.Counts(1000, 20_000), null)));

        w.clock.advance(Duration.ofMinutes(5));
        EvaluateGates.Result r = w.tickAndDeliver();

        assertEquals(DecisionType.ROLLBACK, r.decision().orElseThrow().type(), r.note());
        assertTrue(r.decision().get().summary().contains("crash_rate ≤ 0.02"), r.decision().get().summary());
        assertEquals(RolloutState.ROLLED_BACK, w.rollout().state(), "a paused build is still live: the critical rule takes it away");
    }
}
