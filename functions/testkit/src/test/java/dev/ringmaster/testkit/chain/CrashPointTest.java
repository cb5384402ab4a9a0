package dev.ringmaster.testkit.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.metrics.StaticMetricSource;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.step.Outbox;
import dev.ringmaster.testkit.LocalChain;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.testkit.VirtualClock;
import dev.ringmaster.testkit.bus.InProcessBus;
import dev.ringmaster.testkit.sim.Call;
import dev.ringmaster.testkit.sim.PlayRelease;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.testkit.sim.SimFlagStore;
import dev.ringmaster.testkit.sim.SimTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9: a crash at each point between decision, state write, intent, publish, claim, act and outcome, for
 * every action kind, on DynamoDB Local. After recovery (the command given again where nothing was written,
 * then ticks) each action is on the target, recorded once, never lost; one a later command overtook never
 * reaches the target.
 */
class CrashPointTest {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2100-01-01T09:00:00Z");
    private static final String ID = "android-2-1-0";
    private static final String PLAN = """
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: android-2-1-0, app: com.example.vpn, version: "2.1.0"}
            spec:
              target: {type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}
              flagStore: {provider: json, url: "file:flags.json"}
              killSwitch: {flag: system.canary.enabled}
              metrics:
                crash_rate: {kind: rate, source: static, query: {bad: 0, total: 200000}}
              phases:
                - {name: phase-1, audience: 10%, soak: 24h, gates: [{metric: crash_rate, max: 0.005}]}
                - {name: phase-2, audience: 100%}
            """;

    /** An action kind: the command that asks for it, what must come before, and how the track shows it done. */
    enum Kind {
        ENTER(Command.Type.START, Action.ENTER_PHASE, "enter", false, "inProgress 10%"),
        RESUME(Command.Type.RESUME, Action.RESUME, "enter", true, "inProgress 10%"),
        COMPLETE(Command.Type.PROMOTE, Action.COMPLETE, "complete", false, "completed"),
        HALT(Command.Type.PAUSE, Action.HALT, "halt", false, "halted 10%"),
        ROLLBACK(Command.Type.ROLLBACK, Action.ROLLBACK, "rollback", false, "halted 10%"),
        KILL(Command.Type.KILL, Action.KILL, "rollback", false, "halted 10%");

        final Command.Type command;
        final Action action;
        /** the Play track's operation that carries it out (a resume is Play's enter at the phase's fraction) */
        final String operation;
        final boolean pausedFirst;
        final String track;

        Kind(Command.Type command, Action action, String operation, boolean pausedFirst, String track) {
            this.command = command;
            this.action = action;
            this.operation = operation;
            this.pausedFirst = pausedFirst;
            this.track = track;
        }
    }

    /** One world on its own DynamoDB Local table, with a crash that can be armed at any point. */
    private static final class World {
        final VirtualClock clock = new VirtualClock(T0);
        final CrashingStore store;
        final SimFlagStore flags = new SimFlagStore(clock);
        final SimTargets sims = SimTargets.of(clock, flags);
        final AtomicReference<CrashPoint> armedBus = new AtomicReference<>();
        final AtomicReference<CrashPoint> armedTarget = new AtomicReference<>();
        final LocalChain chain;

        World() {
            String table = "crash-" + TABLES.incrementAndGet();
            DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
            store = new CrashingStore(new DynamoDbRolloutStore(DynamoDbLocal.client(), table));
            InProcessBus bus = new InProcessBus().dropping((function, event) ->
                    armedBus.compareAndSet(CrashPoint.AFTER_STATE_WRITE, null)
                            || event.action().function() != null && function.equals(event.action().function())
                            && armedBus.compareAndSet(CrashPoint.AFTER_PUBLISH, null));
            Targets targets = new Targets(Map.of(TargetType.GOOGLE_PLAY, new DyingAfterTheCall(sims.play(), armedTarget)));
            chain = new LocalChain(new LocalChain.World(store, new StaticMetricSource(), targets, flags, new RecordingNotifier(clock),
                    new RecordingScheduler(), clock), bus, Capabilities.everything(), Duration.ofMinutes(5), true, Outbox.GRACE);
        }

        CommandResult command(Command.Type type) {
            return chain.operate.handle(ID, new Command(type, "oncall", "crash test", null, true, type == Command.Type.PROMOTE),
                    type == Command.Type.START ? PLAN : null);
        }

        void arm(CrashPoint p) {
            switch (p) {
                case BEFORE_STATE_WRITE, AFTER_CLAIM, AFTER_OUTCOME -> store.arm(p);
                case AFTER_STATE_WRITE, AFTER_PUBLISH -> armedBus.set(p);
                case AFTER_ACT -> armedTarget.set(p);
            }
        }

        /** Ticks every five minutes until nothing is owed, as the schedule would. */
        void recover() {
            for (int i = 0; i < 24 && !store.openIntents(ID).isEmpty(); i++) {
                clock.advance(Duration.ofMinutes(5));
                chain.evaluate.tick(ID);
            }
        }

        String track() {
            return sims.play().release("com.example.vpn", "production").map(World::describe).orElse("none");
        }

        private static String describe(PlayRelease r) {
            return r.userFraction() == null ? r.status() : r.status() + " " + Math.round(r.userFraction() * 100) + "%";
        }

        List<Call> accepted(String operation, Instant since) {
            return sims.play().calls().stream().filter(c -> !c.refused() && c.operation().equals(operation) && !c.at().isBefore(since)).toList();
        }

        List<String> actionEntries(long version) {
            return store.history(ID).stream().filter(h -> h.kind() == HistoryEntry.Kind.ACTION && h.version() == version)
                    .map(HistoryEntry::what).toList();
        }
    }

    static Stream<Arguments> everyKindAtEveryPoint() {
        return Arrays.stream(Kind.values()).flatMap(k -> Arrays.stream(CrashPoint.values()).map(p -> Arguments.of(k, p)));
    }

    @ParameterizedTest(name = "{0} crashing {1}")
    @MethodSource("everyKindAtEveryPoint")
    void theActionReachesTheTargetOnceAndIsRecordedOnce(Kind kind, CrashPoint point) {
        World w = new World();
        setUp(w, kind);
        Instant since = w.clock.instant();
        long before = version(w);
        w.arm(point);

        boolean survived = giveSurvivingACrash(w, kind.command);
        if (point == CrashPoint.BEFORE_STATE_WRITE) {
            assertTrue(!survived, "the process died");
            assertEquals(before, version(w), "no transition written (a start leaves only the created rollout)");
            w.clock.advance(Duration.ofMinutes(1));
            assertInstanceOf(CommandResult.Accepted.class, w.command(kind.command), "the command given again");
        }
        long version = w.store.find(ID).orElseThrow().effect().version();
        w.recover();

        assertEquals(kind.track, w.track(), "not lost");
        assertEquals(Effect.Status.DONE, w.store.find(ID).orElseThrow().effect().status());
        // A kill is two calls, the kill switch and the withdrawal of the build: each recorded once.
        List<String> recorded = kind == Kind.KILL ? List.of("kill ok", "rollback ok") : List.of(kind.action.call() + " ok");
        assertEquals(recorded, w.actionEntries(version), "recorded once");
        List<Call> calls = w.accepted(kind.operation, since);
        if (point == CrashPoint.AFTER_ACT) {
            // The process died after the target answered and before the answer was written: once the claim
            // expired the call was made again, the same absolute request, which changed nothing.
            assertEquals(2, calls.size(), calls.toString());
            assertEquals(calls.get(0).detail(), calls.get(1).detail());
        } else {
            assertEquals(1, calls.size(), "done once: " + calls);
        }
        if (kind == Kind.KILL) {
            assertEquals(false, w.flags.value("system.canary.enabled").orElseThrow(), "the kill switch is off");
        }
        if (kind == Kind.ROLLBACK || kind == Kind.KILL) {
            assertEquals(RolloutState.ROLLED_BACK, w.store.find(ID).orElseThrow().rollout().state());
        }
        assertTrue(w.store.openIntents(ID).isEmpty(), "nothing owed: " + w.store.openIntents(ID));
    }

    static Stream<Arguments> wideningActionsInFlight() {
        return Stream.of(Kind.ENTER, Kind.RESUME).flatMap(k -> Stream.of(CrashPoint.AFTER_STATE_WRITE, CrashPoint.AFTER_PUBLISH,
                CrashPoint.AFTER_CLAIM).map(p -> Arguments.of(k, p)));
    }

    @ParameterizedTest(name = "{0} crashing {1}, then paused")
    @MethodSource("wideningActionsInFlight")
    void anActionAPauseOvertookNeverReachesTheTarget(Kind kind, CrashPoint point) {
        World w = new World();
        setUp(w, kind);
        w.arm(point);
        giveSurvivingACrash(w, kind.command);
        long version = w.store.find(ID).orElseThrow().effect().version();
        Instant paused = w.clock.instant();
        assertInstanceOf(CommandResult.Accepted.class, w.command(Command.Type.PAUSE));
        w.recover();

        // A start overtaken before it reached Play leaves no release to halt; a resume leaves the halted one.
        assertEquals(kind == Kind.ENTER ? "none" : "halted 10%", w.track(), "the pause holds");
        assertEquals(List.of(), w.accepted("enter", paused), "no widening call after the pause");
        assertTrue(w.actionEntries(version).contains(kind.action.call() + " superseded"), w.actionEntries(version).toString());
    }

    /** The stored rollout's version, 0 for one created and never started or not there at all. */
    private static long version(World w) {
        return w.store.find(ID).map(s -> s.rollout().version()).orElse(0L);
    }

    private static void setUp(World w, Kind kind) {
        if (kind == Kind.ENTER) {
            return;
        }
        assertInstanceOf(CommandResult.Accepted.class, w.command(Command.Type.START));
        if (kind.pausedFirst) {
            assertInstanceOf(CommandResult.Accepted.class, w.command(Command.Type.PAUSE));
        }
        w.clock.advance(Duration.ofMinutes(5));
    }

    /** Gives the command; false when a process died on the way (the command's own, or a step's it reached synchronously). */
    private static boolean giveSurvivingACrash(World w, Command.Type type) {
        try {
            return w.command(type) instanceof CommandResult.Accepted;
        } catch (Crash died) {
            return false;
        }
    }

    /** The Play track, with a process that dies right after a call the track took, once, when armed. */
    private record DyingAfterTheCall(RolloutTarget real, AtomicReference<CrashPoint> armed) implements RolloutTarget {
        private TargetState died(TargetState s) {
            if (armed.compareAndSet(CrashPoint.AFTER_ACT, null)) {
                throw new Crash(CrashPoint.AFTER_ACT);
            }
            return s;
        }

        @Override
        public TargetState enter(Target t, Phase p, String v) {
            return died(real.enter(t, p, v));
        }

        @Override
        public TargetState halt(Target t, Phase p, String v) {
            return died(real.halt(t, p, v));
        }

        @Override
        public TargetState rollback(Target t, Phase p, String v) {
            return died(real.rollback(t, p, v));
        }

        @Override
        public TargetState complete(Target t, String v) {
            return died(real.complete(t, v));
        }

        @Override
        public TargetState observe(Target t, String v) {
            return real.observe(t, v);
        }
    }
}
