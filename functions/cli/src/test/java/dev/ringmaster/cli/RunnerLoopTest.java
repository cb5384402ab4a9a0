package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.live.LiveTargets;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.testkit.bus.InProcessBus;
import dev.ringmaster.testkit.standin.PlayStandIn;
import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.testkit.sim.SimFlagStore;
import dev.ringmaster.testkit.sim.SimTargets;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.testkit.LocalChain;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.sim.ScenarioParser;
import dev.ringmaster.testkit.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner and the operator commands meet only in DynamoDB: a command from another terminal writes
 * its transition and the intent of its action; the runner's next tick applies it to the targets it holds.
 */
class RunnerLoopTest {
    private static final String ID = "android-2-1-0";

    @Test
    void commandsFromAnotherProcessReachTheTargetsOnTheRunnersNextTick() throws Exception {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-12-01T09:00:00Z"));
        SimFlagStore flags = new SimFlagStore(clock);
        SimTargets targets = SimTargets.of(clock, flags);
        startPauseRollback(clock, targets.targets(), flags, () -> play(targets));
    }

    /** {@code run --targets live}: the same commands reach the real Google Play adapter, built from settings, on the stand-in. */
    @Test
    void theRunnerOnLiveTargets_drivesTheRealPlayAdapter(@TempDir Path dir) throws Exception {
        try (PlayStandIn standIn = PlayStandIn.start()) {
            Path key = dir.resolve("key.json");
            Files.writeString(key, standIn.serviceAccountKeyJson());
            Map<String, String> settings = Map.of(LiveTargets.PLAY_ENDPOINT, standIn.baseUrl(), LiveTargets.PLAY_CREDENTIALS, "file:" + key);
            LiveTargets live = LiveTargets.from(k -> Optional.ofNullable(settings.get(k)), Map.of());
            VirtualClock clock = new VirtualClock(Instant.parse("2026-12-01T09:00:00Z"));
            startPauseRollback(clock, new Targets(live.targets()), live.flags(), () -> {
                Map<String, Object> r = standIn.track("com.example.vpn", "production").get(0);
                return r.get("status") + " " + Math.round((Double) r.get("userFraction") * 100) + "%";
            });
            assertEquals(2, standIn.requests().stream().filter(r -> r.endsWith(":commit")).count(),
                    "start and pause write the track; the rollback finds it halted already and deletes its edit: " + standIn.requests());
            assertTrue(standIn.requests().get(standIn.requests().size() - 1).startsWith("DELETE "), standIn.requests().toString());
        }
    }

    private void startPauseRollback(VirtualClock clock, Targets targets, FlagWriter flags, Supplier<String> play) throws Exception {
        String table = "runner-" + System.nanoTime();
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
        RolloutStore store = new DynamoDbRolloutStore(DynamoDbLocal.client(), table);
        RunMetrics metrics = new RunMetrics(ScenarioParser.parse(Path.of(RepoPaths.path("events/scenarios/android-healthy.yaml"))));
        LocalChain chain = new LocalChain(new LocalChain.World(store, metrics, targets, flags, new RecordingNotifier(clock),
                new RecordingScheduler(), clock), new InProcessBus(), Capabilities.everything(), Duration.ofMinutes(5), true, Duration.ZERO);
        List<String> said = new ArrayList<>();
        RunnerLoop loop = new RunnerLoop(chain, store, clock, metrics, Duration.ofMinutes(5), said::add);
        Operate terminal = LocalRunner.forCommands(store, clock);

        String plan = Files.readString(Path.of(RepoPaths.path("events/plans/002-android-staged.yaml")));
        assertInstanceOf(CommandResult.Accepted.class, terminal.handle(ID, new Command(Command.Type.START, "sam", "release 2.1.0", null, true, false), plan));
        assertTrue(store.openIntents(ID).stream().anyMatch(i -> i.action() == dev.ringmaster.core.port.Action.ENTER_PHASE),
                "nothing is applied before the runner ticks");

        tick(clock, loop);
        assertEquals("inProgress 10%", play.get());

        assertInstanceOf(CommandResult.Accepted.class, terminal.handle(ID, Command.of(Command.Type.PAUSE, "sam", "checking a report"), null));
        tick(clock, loop);
        assertEquals("halted 10%", play.get());

        assertInstanceOf(CommandResult.Accepted.class, terminal.handle(ID, Command.of(Command.Type.ROLLBACK, "sam", "crash spike"), null));
        tick(clock, loop);
        assertTrue(store.openIntents(ID).isEmpty(), "the rollback was applied, and confirmed: " + store.openIntents(ID));
        assertEquals(RolloutState.ROLLED_BACK, store.find(ID).orElseThrow().rollout().state());
        assertTrue(store.history(ID).stream().anyMatch(h -> h.kind() == HistoryEntry.Kind.COMMAND && h.what().equals("rollback")
                && h.operator().equals("sam") && h.reasons().get(0).contains("crash spike")), store.history(ID).toString());
        assertTrue(said.stream().anyMatch(l -> l.contains("HOLD in phase-1")), said.toString());
    }

    private static void tick(VirtualClock clock, RunnerLoop loop) {
        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        loop.tickAll();
    }

    private static String play(SimTargets targets) {
        var release = targets.play().release("com.example.vpn", "production").orElseThrow();
        return release.status() + " " + Math.round(release.userFraction() * 100) + "%";
    }
}
