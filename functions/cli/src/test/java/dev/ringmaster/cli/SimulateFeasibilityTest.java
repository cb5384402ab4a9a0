package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** simulate's summary: the feasibility check on the scenario's own world, next to what the runs took. */
@QuarkusMainTest
class SimulateFeasibilityTest {

    @Test
    void thePredictedTimeToPassStandsNextToTheMeasuredOne(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("simulate", RepoPaths.path("events/plans/bench-strict.yaml"),
                "--scenario", RepoPaths.path("events/scenarios/bench-healthy-200k.yaml"), "--runs", "20");
        System.out.println(r.getOutput());
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        String out = r.getOutput();
        assertTrue(out.contains("predicted on expected data at the scenario's mean 200,000 sessions/h and true baseline values, next to the runs"), out);
        String crash = out.lines().filter(l -> l.startsWith("phase-1  crash_rate")).findFirst().orElse("");
        assertTrue(crash.matches("phase-1  crash_rate ≤ 1\\.1 × baseline +50h +\\d+\\.\\dh median \\(\\d+ of 20 runs\\) +24h / 96h .*"
                + "decidable after soak, within maxSoak 96h"), out);
    }
}
