package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class ValidateCommandTest {

    @Test
    void validPlanPrintsItsExpandedPhasesAndExitsZero(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("validate", RepoPaths.path("events/plans/003-medium-risk.yaml"));
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        String out = r.getOutput();
        assertTrue(out.contains("phases from risk template MEDIUM"), out);
        for (String phase : new String[] {"canary-10", "partial-50", "full-100"}) {
            assertTrue(out.contains(phase), out);
        }
    }

    @Test
    void invalidPlanPrintsEveryErrorWithFileLineColumnAndExitsTwo(QuarkusMainLauncher launcher) {
        String file = RepoPaths.path("events/plans/invalid/missing-target-keys.yaml");
        LaunchResult r = launcher.launch("validate", file);
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains(file + ":6:11: spec.target.track: a google-play target needs 'track'"), r.getErrorOutput());
        assertTrue(r.getErrorOutput().contains(file + ":6:11: spec.target.versionCodes: a google-play target needs 'versionCodes'"));
        assertTrue(r.getErrorOutput().contains("2 errors"));
    }

    @Test
    void oneInvalidPlanAmongValidOnesStillExitsTwo(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("validate", RepoPaths.path("events/plans/002-android-staged.yaml"),
                RepoPaths.path("events/plans/invalid/unknown-key.yaml"));
        assertEquals(2, r.exitCode());
        assertTrue(r.getOutput().contains("valid plan android-2-1-0"));
    }

    @Test
    void aMissingFileIsBadInput(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("validate", "no/such/plan.yaml");
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("no/such/plan.yaml:1:1: : cannot read file"), r.getErrorOutput());
    }
}
