package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Seed 002's CI health gate with the sample size taken into account (CONTRACTS.md §3 exit codes). */
@QuarkusMainTest
class GateCommandTest {
    private static final String PLAN = RepoPaths.path("events/plans/002-android-staged.yaml");

    private static LaunchResult gate(QuarkusMainLauncher launcher, String phase, String metrics) {
        return launcher.launch("gate", PLAN, "--phase", phase, "--metrics", metrics);
    }

    @Test
    void oneCrashIn150SessionsIsInconclusiveNotFail(QuarkusMainLauncher launcher) {
        LaunchResult r = gate(launcher, "phase-1", RepoPaths.path("events/metrics/phase-1-one-crash-in-150.json"));
        assertEquals(3, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getOutput().contains("crash_rate ≤ 0.005           INCONCLUSIVE"), r.getOutput());
        assertTrue(r.getOutput().contains("more trials needed"), r.getOutput());
    }

    @Test
    void threeHundredCrashesIn20000SessionsFails(QuarkusMainLauncher launcher) {
        LaunchResult r = gate(launcher, "phase-1", RepoPaths.path("events/metrics/phase-1-300-crashes-in-20000.json"));
        assertEquals(1, r.exitCode(), r.getOutput());
        assertTrue(r.getOutput().contains("crash_rate ≤ 0.005           FAIL"), r.getOutput());
        assertTrue(r.getOutput().contains("lower bound"), r.getOutput());
    }

    @Test
    void healthySnapshotPasses(QuarkusMainLauncher launcher) {
        LaunchResult r = gate(launcher, "phase-1", RepoPaths.path("events/metrics/phase-1-healthy.json"));
        assertEquals(0, r.exitCode(), r.getOutput());
        assertTrue(r.getOutput().contains("PASS: every gate of 'phase-1' passed"));
    }

    @Test
    void aGatedMetricMissingFromTheSnapshotIsInconclusive(QuarkusMainLauncher launcher) {
        LaunchResult r = gate(launcher, "phase-2", RepoPaths.path("events/metrics/phase-2-latency-missing.json"));
        assertEquals(3, r.exitCode(), r.getOutput());
        assertTrue(r.getOutput().contains("connection_time ≤ 10         INCONCLUSIVE"), r.getOutput());
        assertTrue(r.getOutput().contains("missing from the snapshot"), r.getOutput());
    }

    @Test
    void unreadableJsonIsBadInput(QuarkusMainLauncher launcher) throws IOException {
        Path bad = Files.createTempFile("metrics", ".json");
        Files.writeString(bad, "{\"window\": \"24h\", \"metrics\": {\"crash_rate\": {\"bad\": 1, ");
        LaunchResult r = gate(launcher, "phase-1", bad.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("not valid JSON at line 1"), r.getErrorOutput());
    }

    @Test
    void badFieldsAreNamedWithTheirValue(QuarkusMainLauncher launcher) throws IOException {
        Path bad = Files.createTempFile("metrics", ".json");
        Files.writeString(bad, "{\"window\": \"24h\", \"metrics\": {\"crash_rate\": {\"bad\": 30, \"total\": 20}}}");
        LaunchResult r = gate(launcher, "phase-1", bad.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("metrics.crash_rate: bad 30 is more than total 20"), r.getErrorOutput());
    }

    @Test
    void anUnknownPhaseIsBadInput(QuarkusMainLauncher launcher) {
        LaunchResult r = gate(launcher, "phase-9", RepoPaths.path("events/metrics/phase-1-healthy.json"));
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("no phase 'phase-9'"), r.getErrorOutput());
    }
}
