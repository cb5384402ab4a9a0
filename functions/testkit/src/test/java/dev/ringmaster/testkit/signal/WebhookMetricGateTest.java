package dev.ringmaster.testkit.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.live.LiveSources;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.signal.Concerns;
import dev.ringmaster.core.signal.RecordedSignals;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.Ingest;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.testkit.LocalChain;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.testkit.VirtualClock;
import dev.ringmaster.testkit.bus.InProcessBus;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.testkit.sim.SimFlagStore;
import dev.ringmaster.testkit.sim.SimTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's webhook-fed rules through the whole chain on DynamoDB Local: what a webhook told is recorded, and the next
 * tick's gates and halt rules count it ("no Sev 1 bugs in 48 h", "data inconsistency: pause").
 */
class WebhookMetricGateTest {
    private static final String ID = "web-2-1-0-canary";
    private static final String PLAN = """
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: web-2-1-0-canary, app: web, version: "2.1.0"}
            spec:
              target: {type: manual}
              metrics:
                error_rate:           {kind: rate, source: static, query: {bad: 0, total: 200000}}
                sev1_bugs:            {kind: count, source: webhook, query: {kind: sev1}}
                data_inconsistencies: {kind: count, source: webhook, query: {kind: data-inconsistency}}
              phases:
                - {name: internal, audience: 1%, soak: 24h, gates: [{metric: error_rate, max: 0.01}, {metric: sev1_bugs, max: 0, window: 48h}]}
                - {name: ga, audience: 100%}
              haltRules:
                - {metric: data_inconsistencies, max: 0, action: pause}
              onGateFail: pause
            """;

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-01T09:00:00Z"));
    private RolloutStore store;
    private LocalChain chain;
    private Ingest ingest;

    private void start() {
        String table = "webhook-gates-" + System.nanoTime();
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
        store = new DynamoDbRolloutStore(DynamoDbLocal.client(), table);
        SimFlagStore flags = new SimFlagStore(clock);
        LiveSources sources = LiveSources.from(k -> Optional.empty(), Map.of(), clock).with("webhook", new RecordedSignals(store));
        chain = new LocalChain(new LocalChain.World(store, sources, SimTargets.of(clock, flags).targets(), flags, new RecordingNotifier(clock),
                new RecordingScheduler(), clock), new InProcessBus(), Capabilities.everything(), Duration.ofMinutes(5), true, Duration.ZERO);
        ingest = new Ingest(store, chain.bus, clock, new PlanCache(), Ingest.KEEP);
        assertInstanceOf(CommandResult.Accepted.class, chain.operate.handle(ID, Command.of(Command.Type.START, "sam", "canary"), PLAN));
    }

    private void told(String kind, String id) {
        Signal s = new Signal(WebhookKind.GENERIC, id, Concerns.rollout(ID), clock.instant(), kind, null, null, Severity.WARNING, false, null, 1,
                null, "told by the bug tracker: " + kind);
        assertEquals(Ingest.Status.APPLIED, ingest.apply(s).status());
    }

    /** Ticks every hour of rollout time (the gates' verdicts do not depend on the tick's length). */
    private EvaluateGates.Result tickFor(Duration d) {
        EvaluateGates.Result last = null;
        for (Duration t = Duration.ZERO; t.compareTo(d) < 0; t = t.plusHours(1)) {
            clock.advance(Duration.ofHours(1));
            last = chain.evaluate.tick(ID);
            if (last.rollout().state() != RolloutState.RUNNING) {
                break;
            }
        }
        return last;
    }

    @Test
    void seed004DataInconsistencyPause_oneInconsistencyToldByAWebhook_haltsOnTheNextTick() {
        start();
        tickFor(Duration.ofHours(2));

        told("data-inconsistency", "dq-1");
        EvaluateGates.Result next = tickFor(Duration.ofHours(1));

        assertEquals(RolloutState.HALTED, next.rollout().state(), next.note());
        assertTrue(next.note().contains("data_inconsistencies"), next.note());
    }

    @Test
    void seed004NoSev1In48h_aSev1ToldDuringSoak_keepsThePhaseFromAdvancing_andPausesIt() {
        start();
        tickFor(Duration.ofHours(3));
        told("sev1", "JIRA-4711");

        EvaluateGates.Result end = tickFor(Duration.ofHours(50));

        assertEquals(RolloutState.HALTED, end.rollout().state(), end.note());
        assertTrue(end.note().contains("sev1_bugs"), end.note());
    }

    @Test
    void seed004NoSev1In48h_withNothingTold_thePhaseAdvancesOnce48hWithoutOneAreCovered() {
        start();

        EvaluateGates.Result end = tickFor(Duration.ofHours(50));

        assertEquals(1, store.find(ID).orElseThrow().rollout().phaseIndex(), end.note());
    }
}
