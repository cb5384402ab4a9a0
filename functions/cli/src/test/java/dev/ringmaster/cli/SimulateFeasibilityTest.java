package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** simulate's summary: the feasibility check on the scenario's own world, next to what the runs took. */
@QuarkusMainTest
class SimulateFeasibilityTest {

    @Test
    void thePredictedMedianTimeToPassIsWithin30PercentOfTheRunsAndThePauseAtMaxSoakIsPredicted(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("simulate", RepoPaths.path("events/plans/bench-strict.yaml"),
                "--scenario", RepoPaths.path("events/scenarios/bench-healthy-200k.yaml"), "--runs", "20");
        System.out.println(r.getOutput());
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        String out = r.getOutput();
        assertTrue(out.contains("predicted by 200 seeded runs per gate at the scenario's mean 200,000 sessions/h and true baseline values, next to the runs"), out);
        String crash = out.lines().filter(l -> l.startsWith("phase-1  crash_rate")).findFirst().orElse("");
        Matcher m = Pattern.compile("phase-1  crash_rate ≤ 1\\.1 × baseline +(\\d+)h +(?:> )?\\d+h +(\\d+\\.\\d)h median \\((\\d+) of 20 runs\\) +24h / 96h .*"
                + "cannot PASS within maxSoak 96h in 99 % of runs \\(p99 (?:> )?\\d+h\\).*").matcher(crash);
        assertTrue(m.matches(), out);
        double predicted = Double.parseDouble(m.group(1));
        double simulated = Double.parseDouble(m.group(2));
        assertTrue(Math.abs(predicted - simulated) <= 0.3 * simulated, predicted + "h predicted vs " + simulated + "h simulated");
    }
}
