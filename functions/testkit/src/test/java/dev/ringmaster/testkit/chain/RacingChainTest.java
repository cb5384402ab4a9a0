package dev.ringmaster.testkit.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.metrics.StaticMetricSource;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.step.Outbox;
import dev.ringmaster.testkit.LocalChain;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.testkit.VirtualClock;
import dev.ringmaster.testkit.bus.InProcessBus;
import dev.ringmaster.testkit.sim.PlayRelease;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.testkit.sim.SimFlagStore;
import dev.ringmaster.testkit.sim.SimTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: 10,000 ticks, operator commands and redeliveries of past events racing on eight threads against one
 * rollout on DynamoDB Local, while time moves on. Zero double advances, one recorded success per intent, a
 * totally ordered history, and a Play track that ends where the rollout says it is.
 */
class RacingChainTest {
    private static final String ID = "android-2-1-0";
    private static final int OPERATIONS = 10_000;
    private static final int THREADS = 8;
    private static final String PLAN = """
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: android-2-1-0, app: com.example.vpn, version: "2.1.0"}
            spec:
              target: {type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}
              metrics:
                crash_rate: {kind: rate, source: static, query: {bad: 0, total: 200000}}
              phases:
                - {name: phase-1, audience: 10%, soak: 2h, gates: [{metric: crash_rate, max: 0.005}]}
                - {name: phase-2, audience: 50%, soak: 2h, gates: [{metric: crash_rate, max: 0.005}]}
                - {name: phase-3, audience: 100%}
            """;

    @Test
    void racingTicksCommandsAndRedeliveries_advanceEachPhaseOnce_andKeepOneOrderedHistory() throws Exception {
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), "race");
        RolloutStore store = new DynamoDbRolloutStore(DynamoDbLocal.client(), "race");
        VirtualClock clock = new VirtualClock(Instant.parse("2100-01-01T09:00:00Z"));
        SimFlagStore flags = new SimFlagStore(clock);
        SimTargets sims = SimTargets.of(clock, flags);
        LocalChain chain = new LocalChain(new LocalChain.World(store, new StaticMetricSource(), sims.targets(), flags,
                new RecordingNotifier(clock), new RecordingScheduler(), clock), new InProcessBus(), Capabilities.everything(),
                Duration.ofMinutes(5), true, Outbox.GRACE);
        chain.operate.handle(ID, new Command(Command.Type.START, "race", "start", null, true, false), PLAN);

        Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(t);
            workers.add(pool.submit(() -> {
                for (int i = 0; i < OPERATIONS / THREADS; i++) {
                    int dice = random.nextInt(100);
                    String op;
                    if (dice < 55) {
                        chain.evaluate.tick(ID);
                        op = "tick";
                    } else if (dice < 75) {
                        long version = store.find(ID).orElseThrow().rollout().version();
                        Optional<Intent> past = store.intent(ID, "v" + (1 + random.nextInt((int) version)));
                        past.ifPresent(p -> chain.bus.publish(p.event()));
                        op = "redelivery";
                    } else if (dice < 82) {
                        chain.operate.handle(ID, Command.of(Command.Type.PAUSE, "oncall", "race"), null);
                        op = "pause";
                    } else if (dice < 89) {
                        chain.operate.handle(ID, Command.of(Command.Type.RESUME, "oncall", "race"), null);
                        op = "resume";
                    } else {
                        clock.advance(Duration.ofMinutes(2));
                        op = "clock";
                    }
                    done.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        chain.operate.handle(ID, Command.of(Command.Type.RESUME, "oncall", "race over"), null);
        for (int i = 0; i < 200 && !(finished(store) && store.openIntents(ID).isEmpty()); i++) {
            clock.advance(Duration.ofMinutes(5));
            chain.evaluate.tick(ID);
        }
        System.out.println("racing chain on DynamoDB Local: " + new java.util.TreeMap<>(done) + " operations");

        List<HistoryEntry> history = store.history(ID);
        List<HistoryEntry> changes = history.stream()
                .filter(h -> h.kind() == HistoryEntry.Kind.TRANSITION || h.kind() == HistoryEntry.Kind.COMMAND && h.version() > 0).toList();
        // Every change of state won its version alone: the versions order the history totally.
        Map<Long, HistoryEntry> byVersion = new HashMap<>();
        for (HistoryEntry h : changes) {
            HistoryEntry other = byVersion.put(h.version(), h);
            assertTrue(other == null, "two changes claim version " + h.version() + ": " + other + " and " + h);
        }
        List<String> advances = history.stream().filter(h -> h.kind() == HistoryEntry.Kind.TRANSITION && h.what().startsWith("RUNNING → RUNNING"))
                .map(HistoryEntry::what).toList();
        assertEquals(List.of("RUNNING → RUNNING (phase-2)", "RUNNING → RUNNING (phase-3)"), advances, "each phase entered by one advance");
        Map<Long, Long> successes = new HashMap<>();
        history.stream().filter(h -> h.kind() == HistoryEntry.Kind.ACTION && h.what().endsWith(" ok"))
                .forEach(h -> successes.merge(h.version(), 1L, Long::sum));
        successes.forEach((version, n) -> assertEquals(1L, n, "intent v" + version + " carried out " + n + " times"));
        Rollout last = store.find(ID).orElseThrow().rollout();
        assertEquals(RolloutState.COMPLETED, last.state(), last.toString());
        assertEquals("completed", sims.play().release("com.example.vpn", "production").map(PlayRelease::status).orElse("none"));
        assertTrue(store.openIntents(ID).isEmpty(), store.openIntents(ID).toString());
    }

    private static boolean finished(RolloutStore store) {
        return store.find(ID).orElseThrow().rollout().state() == RolloutState.COMPLETED;
    }
}
