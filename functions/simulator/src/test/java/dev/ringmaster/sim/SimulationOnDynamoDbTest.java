package dev.ringmaster.sim;

import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.testkit.VirtualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.testkit.bus.InProcessBus;
import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.testkit.memory.InMemoryRolloutStore;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.testkit.sim.SimFlagStore;
import dev.ringmaster.testkit.sim.SimTargets;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.Outbox;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.testkit.LocalChain;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The chain on Amazon DynamoDB Local (in-process, loopback): the rules a release engineer relies on. */
class SimulationOnDynamoDbTest {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final String ANDROID = "events/plans/002-android-staged.yaml";

    static RolloutStore dynamoDb() {
        String table = "sim-" + TABLES.incrementAndGet() + "-" + System.nanoTime();
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
        return new DynamoDbRolloutStore(DynamoDbLocal.client(), table);
    }

    static SimulationRun simulate(String plan, String scenario, long seed, RolloutStore store) throws IOException {
        String yaml = Files.readString(SimulationTest.repo(plan));
        Plan parsed = PlanParser.parse(plan, yaml).plan();
        return new Simulator(yaml, parsed, ScenarioParser.parse(SimulationTest.repo(scenario))).run(seed, store, true);
    }

    @Test
    void healthyScenarioCompletesThroughEveryPhaseWithApprovalInjected() throws IOException {
        SimulationRun run = simulate(ANDROID, "events/scenarios/android-healthy.yaml", 11, dynamoDb());
        assertEquals(RolloutState.COMPLETED, run.outcome().state(), run.decisions().toString());
        assertEquals(List.of("phase-1", "phase-2", "phase-3"), run.audience().stream().map(SimulationRun.AudiencePoint::phase).distinct().toList());
        assertTrue(run.history().stream().anyMatch(h -> h.kind() == HistoryEntry.Kind.COMMAND && h.what().equals("approve")));
        assertTrue(run.targetState().contains("completed"), run.targetState());
    }

    @Test
    void doubledCrashRateHaltsInPhaseOneAndThePlayTrackShowsHalted() throws IOException {
        SimulationRun run = simulate(ANDROID, "events/scenarios/android-bad-2x.yaml", 12, dynamoDb());
        assertEquals(RolloutState.HALTED, run.outcome().state());
        assertEquals("phase-1", run.decisions().get(run.decisions().size() - 1).phase());
        assertTrue(run.targetState().startsWith("google-play com.example.vpn production: halted"), run.targetState());
    }

    @Test
    void deploymentWindowDelaysTheAdvanceToTheNextAllowedSlot() throws IOException {
        SimulationRun run = simulate("events/plans/003-medium-risk.yaml", "events/scenarios/checkout-thursday-afternoon.yaml", 13, dynamoDb());
        assertTrue(run.decisions().stream().anyMatch(d -> d.decision().equals("WAIT_WINDOW")), run.decisions().toString());
        SimulationRun.DecisionMark advance = run.decisions().stream().filter(d -> d.decision().equals("ADVANCE")).findFirst().orElseThrow();
        // Monday 2026-12-07 11:00 in Berlin is 10:00 UTC: the first allowed slot after Thursday 14:00.
        assertEquals(Instant.parse("2026-12-07T10:00:00Z"), advance.at(), run.decisions().toString());
    }

    @Test
    void missingMetricsHoldTheRolloutInItsPhase() throws IOException {
        SimulationRun run = simulate(ANDROID, "events/scenarios/android-crash-outage.yaml", 14, dynamoDb());
        assertEquals(RolloutState.RUNNING, run.outcome().state(), run.decisions().toString());
        assertEquals("phase-2", run.decisions().get(run.decisions().size() - 1).phase(), "the outage began after phase 1 had passed");
    }

    @Test
    void everyHistoryItemNamesItsReason() throws IOException {
        SimulationRun run = simulate(ANDROID, "events/scenarios/android-bad-2x.yaml", 15, dynamoDb());
        assertTrue(run.history().size() > 10);
        for (HistoryEntry h : run.history()) {
            assertTrue(!h.reasons().isEmpty() && h.reasons().stream().noneMatch(String::isBlank), h.toString());
            assertTrue(h.operator() != null && !h.operator().isBlank(), h.toString());
        }
    }

    @Test
    void fiftyConcurrentTicksOnOneRolloutAdvanceItExactlyOnce() throws Exception {
        String yaml = Files.readString(SimulationTest.repo(ANDROID));
        RolloutStore store = dynamoDb();
        Instant start = Instant.parse("2026-12-01T09:00:00Z");
        VirtualClock clock = new VirtualClock(start);
        SimFlagStore flags = new SimFlagStore(clock);
        SimTargets targets = SimTargets.of(clock, flags);
        // A day of healthy 5-minute ticks for every metric the first phase judges.
        MetricSource healthy = (def, id, version, from, to) -> {
            List<Sample> samples = new java.util.ArrayList<>();
            for (Instant t = from.plusSeconds(300); !t.isAfter(to); t = t.plusSeconds(300)) {
                samples.add(switch (def.kind()) {
                    case RATE -> new Sample(t, new Measure.Counts(4, 2000), new Measure.Counts(36, 18000));
                    case COUNT -> new Sample(t, new Measure.Events(0, 5), null);
                    case GAUGE -> new Sample(t, new Measure.Value(4), new Measure.Value(4));
                    case CHECK -> new Sample(t, new Measure.Check(true, t), null);
                });
            }
            return samples;
        };
        LocalChain chain = new LocalChain(new LocalChain.World(store, healthy, targets.targets(), flags, new RecordingNotifier(clock),
                new RecordingScheduler(), clock), new InProcessBus(), Capabilities.everything(), java.time.Duration.ofMinutes(5), true, Outbox.GRACE);
        chain.operate.handle("android-2-1-0", new Command(Command.Type.START, "test", "race", null, true, false), yaml);
        clock.set(start.plus(java.time.Duration.ofHours(25)));
        EvaluateGates evaluate = chain.evaluate;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<EvaluateGates.Result>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return evaluate.tick("android-2-1-0");
            }));
        }
        go.countDown();
        int advances = 0;
        for (java.util.concurrent.Future<EvaluateGates.Result> f : results) {
            EvaluateGates.Result r = f.get();
            // A tick that starts after the winner read phase 2 and may write its own HOLD there: that is no advance.
            advances += r.written() && r.decision().orElseThrow().type() == dev.ringmaster.core.rollout.DecisionType.ADVANCE ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, advances, "one tick advances; the others lose the conditional write or decide in phase 2");
        assertEquals(1, store.find("android-2-1-0").orElseThrow().rollout().phaseIndex());
        assertEquals(1, store.history("android-2-1-0").stream().filter(h -> h.kind() == HistoryEntry.Kind.TRANSITION).count());
        assertEquals(1, targets.play().calls().stream().filter(c -> c.detail().contains("0.5")).count(), targets.play().calls().toString());
    }

    @Test
    void bothStoresGiveIdenticalHistoriesForOneSeed() throws IOException {
        SimulationRun memory = simulate(ANDROID, "events/scenarios/android-bad-2x.yaml", 7, new InMemoryRolloutStore());
        SimulationRun dynamo = simulate(ANDROID, "events/scenarios/android-bad-2x.yaml", 7, dynamoDb());
        assertEquals(memory.history(), dynamo.history());
        assertEquals(memory.outcome(), dynamo.outcome());
    }
}
