package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.bus.InProcessBus;
import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.sim.RecordingNotifier;
import dev.ringmaster.adapters.sim.SimFlagStore;
import dev.ringmaster.adapters.sim.SimTargets;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.Ports;
import dev.ringmaster.sim.RecordingScheduler;
import dev.ringmaster.sim.ScenarioParser;
import dev.ringmaster.sim.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local runner and the operator commands meet only in DynamoDB: a command from another terminal writes
 * its transition and the intent of its action; the runner's next tick applies it to the targets it holds.
 */
class RunnerLoopTest {
    private static final String ID = "android-2-1-0";

    @Test
    void commandsFromAnotherProcessReachTheTargetsOnTheRunnersNextTick() throws Exception {
        String table = "runner-" + System.nanoTime();
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
        RolloutStore store = new DynamoDbRolloutStore(DynamoDbLocal.client(), table);
        VirtualClock clock = new VirtualClock(Instant.parse("2026-12-01T09:00:00Z"));
        SimFlagStore flags = new SimFlagStore(clock);
        SimTargets targets = SimTargets.of(clock, flags);
        RunMetrics metrics = new RunMetrics(ScenarioParser.parse(Path.of(RepoPaths.path("events/scenarios/android-healthy.yaml"))));
        Ports runner = new Ports(store, metrics, targets.byType(), flags, new RecordingNotifier(clock), new InProcessBus(),
                new RecordingScheduler(), clock);
        List<String> said = new ArrayList<>();
        RunnerLoop loop = new RunnerLoop(runner, metrics, Duration.ofMinutes(5), said::add);
        Operate terminal = new Operate(LocalRunner.forCommands(store, clock), LocalRunner.plans(), Duration.ofMinutes(5));

        String plan = Files.readString(Path.of(RepoPaths.path("events/plans/002-android-staged.yaml")));
        assertInstanceOf(CommandResult.Accepted.class, terminal.handle(ID, new Command(Command.Type.START, "sam", "release 2.1.0", null, true, false), plan));
        assertTrue(targets.play().release("com.example.vpn", "production").isEmpty(), "nothing is applied before the runner ticks");

        tick(clock, loop);
        assertEquals("inProgress 10%", play(targets));

        assertInstanceOf(CommandResult.Accepted.class, terminal.handle(ID, Command.of(Command.Type.PAUSE, "sam", "checking a report"), null));
        tick(clock, loop);
        assertEquals("halted 10%", play(targets));

        assertInstanceOf(CommandResult.Accepted.class, terminal.handle(ID, Command.of(Command.Type.ROLLBACK, "sam", "crash spike"), null));
        tick(clock, loop);
        assertTrue(store.openIntents(ID).isEmpty(), "the rollback was applied although the rollout is no longer active");
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
