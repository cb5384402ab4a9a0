package dev.ringmaster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.memory.InMemoryRolloutStore;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.step.PlanCache;
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
        return new Simulator(yaml, parsed, ScenarioParser.parse(repo(scenario)), new PlanCache()).run(seed, new InMemoryRolloutStore(), true);
    }

    @Test
    void healthyAndroidBuildCompletesThroughEveryPhase() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-healthy.yaml", 1);
        assertEquals("COMPLETED", run.outcome(), run.decisions().toString());
        assertTrue(run.decisions().stream().anyMatch(d -> d.decision().equals("ADVANCE") && d.phase().equals("phase-2")));
    }

    @Test
    void doubledCrashRateHaltsInPhaseOne() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-bad-2x.yaml", 1);
        assertEquals("HALTED", run.outcome(), run.decisions().toString());
        assertEquals("phase-1", run.decisions().get(run.decisions().size() - 1).phase());
        assertTrue(run.bad());
    }

    @Test
    void missingMetricsNeverComplete() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-crash-outage.yaml", 1);
        assertNotEquals("COMPLETED", run.outcome(), run.decisions().toString());
    }

    @Test
    void everyHistoryItemNamesItsReason() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-bad-2x.yaml", 3);
        assertTrue(run.history().size() > 10);
        run.history().forEach(h -> assertTrue(!h.reasons().isEmpty() && h.reasons().stream().noneMatch(String::isBlank), h.toString()));
    }
}
