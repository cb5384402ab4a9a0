package dev.ringmaster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.testkit.memory.InMemoryRolloutStore;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.rollout.RolloutState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The whole chain in virtual time on the in-memory store: what a release engineer would see happen. */
class SimulationTest {

    static Path repo(String relative) {
        Path p = Path.of(System.getProperty("ringmaster.root", ".")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("events/plans"))) {
            p = p.getParent();
        }
        return p.resolve(relative);
    }

    static SimulationRun simulate(String plan, String scenario, long seed) throws IOException {
        String yaml = Files.readString(repo(plan));
        Plan parsed = PlanParser.parse(plan, yaml).plan();
        return new Simulator(yaml, parsed, ScenarioParser.parse(repo(scenario))).run(seed, new InMemoryRolloutStore(), true);
    }

    @Test
    void healthyAndroidBuildCompletesThroughEveryPhase() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-healthy.yaml", 1);
        assertEquals(RolloutState.COMPLETED, run.outcome().state(), run.decisions().toString());
        assertTrue(run.decisions().stream().anyMatch(d -> d.decision().equals("ADVANCE") && d.phase().equals("phase-2")));
    }

    @Test
    void doubledCrashRateHaltsInPhaseOne() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-bad-2x.yaml", 1);
        assertEquals(RolloutState.HALTED, run.outcome().state(), run.decisions().toString());
        assertEquals("phase-1", run.decisions().get(run.decisions().size() - 1).phase());
        assertTrue(run.bad());
    }

    @Test
    void missingMetricsHoldInThePhaseUntilTheEndSayingWhichGateLacksEvidence() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-crash-outage.yaml", 1);
        assertEquals(RolloutState.RUNNING, run.outcome().state(), "started, never completed, never halted: " + run.decisions());
        SimulationRun.DecisionMark last = run.decisions().get(run.decisions().size() - 1);
        assertEquals("HOLD", last.decision());
        // Two hours of data pass phase 1's crash gate; phase 2 gets none at all.
        assertEquals("phase-2", last.phase());
        assertTrue(last.summary().contains("gate crash_rate ≤ 0.005 INCONCLUSIVE"), last.summary());
    }

    @Test
    void everyHistoryItemNamesItsReason() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-bad-2x.yaml", 3);
        assertTrue(run.history().size() > 10);
        run.history().forEach(h -> assertTrue(!h.reasons().isEmpty() && h.reasons().stream().noneMatch(String::isBlank), h.toString()));
    }
}
