package dev.ringmaster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.testkit.memory.InMemoryRolloutStore;
import dev.ringmaster.testkit.sim.SentMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9's faults, in the scenarios of events/scenarios: what a release engineer relies on when the world fails. */
class FaultScenariosTest {
    private static final String ANDROID = "events/plans/002-android-staged.yaml";

    private static Simulator simulator(String scenario) throws IOException {
        String yaml = Files.readString(SimulationTest.repo(ANDROID));
        Plan plan = PlanParser.parse(ANDROID, yaml).plan();
        return new Simulator(yaml, plan, ScenarioParser.parse(SimulationTest.repo(scenario)));
    }

    @Test
    void aBadBuildWhoseTrackAnswers503WhileItIsHalted_endsHaltedInEveryRun_theHaltLandingOncePlayIsBack() throws IOException {
        Simulator s = simulator("events/scenarios/android-bad-5x-play-503.yaml");
        int throughTheOutage = 0;
        for (long seed = 1; seed <= 100; seed++) {
            SimulationRun run = s.run(seed, new InMemoryRolloutStore(), true);
            assertEquals(RolloutState.HALTED, run.outcome().state(), "seed " + seed);
            assertEquals("google-play com.example.vpn production: halted at 10 %", run.targetState(), "seed " + seed);
            List<SimulationRun.TargetCall> halts = run.targetCalls().stream().filter(c -> c.call().equals("halt")).toList();
            assertEquals("ok", halts.get(halts.size() - 1).result(), "seed " + seed + ": " + halts);
            assertEquals(1, halts.stream().filter(c -> c.result().equals("ok")).count(), "halted once: " + halts);
            if (halts.size() > 1) {
                throughTheOutage++;
                assertTrue(halts.get(halts.size() - 1).hours() >= 3, "it lands when Play is back at 3 h: " + halts);
                assertTrue(halts.stream().limit(halts.size() - 1).allMatch(c -> c.result().equals("error") && c.hours() < 3), halts.toString());
            }
        }
        assertTrue(throughTheOutage >= 30, "the outage delayed the halt in " + throughTheOutage + " of 100 runs");
    }

    @Test
    void aPauseRightAfterAnAdvanceWhoseEventWasLost_leavesTheTrackHaltedAtThePausedAudience() throws IOException {
        SimulationRun run = simulator("events/scenarios/android-pause-after-lost-advance.yaml").run(1, new InMemoryRolloutStore(), true);

        assertEquals(RolloutState.PAUSED, run.outcome().state());
        assertEquals("google-play com.example.vpn production: halted at 10 %", run.targetState(), "never widened to 50 %");
        assertEquals(List.of(new SimulationRun.TargetCall(0, "enter", "phase-1", "ok"), new SimulationRun.TargetCall(24 + 5 / 60.0, "halt",
                "phase-2", "ok")), run.targetCalls());
        assertTrue(run.history().stream().anyMatch(h -> h.kind() == HistoryEntry.Kind.ACTION && h.what().equals("enter superseded")
                && h.phase().equals("phase-2")), "the lost advance is closed as superseded");
    }

    @Test
    void aSlackOutageDuringAHalt_stillHalts_andEachMessageIsDeliveredOnceAfterIt() throws IOException {
        SimulationRun run = simulator("events/scenarios/android-bad-2x-slack-outage.yaml").run(1, new InMemoryRolloutStore(), true);

        assertEquals(RolloutState.HALTED, run.outcome().state());
        assertTrue(run.hours() < 6, "halted during the outage, after " + run.hours() + " h");
        assertEquals("google-play com.example.vpn production: halted at 10 %", run.targetState());
        List<SentMessage> halted = run.messages().stream().filter(m -> m.event().equals("halted")).toList();
        assertEquals(List.of("slack", "teams"), halted.stream().map(SentMessage::channel).toList(), "once to each: " + run.messages());
        Instant slackBack = run.start().plus(Duration.ofHours(6));
        assertTrue(!halted.get(0).at().isBefore(slackBack), "sent once Slack answered again: " + halted.get(0).at());
        assertEquals(1, run.messages().stream().filter(m -> m.event().equals("started")).count(), "the start, told once after the outage too");
    }
}
