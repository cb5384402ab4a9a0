package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusMainTest
class HelpTest {

    @ParameterizedTest(name = "{0} --help shows usage and an example")
    @ValueSource(strings = {"validate", "gate", "tags", "simulate", "demo", "run", "start", "status", "pause", "resume", "rollback", "bench",
            "promote", "approve", "kill", "fixed", "report", "rings"})
    void everyCommandHasHelpWithAnExample(String command, QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch(command, "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.getOutput().contains("Usage: ringmaster " + command), r.getOutput());
        assertTrue(r.getOutput().contains("Example"), r.getOutput());
        assertTrue(r.getOutput().contains("./ringmaster " + command), r.getOutput());
    }

    @ParameterizedTest(name = "{0} --help shows --aws and an example of it")
    @ValueSource(strings = {"start", "status", "pause", "resume", "rollback", "promote", "approve", "kill", "fixed", "report"})
    void everyOperatorCommandTellsOfTheDeployedRingmaster(String command, QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch(command, "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.getOutput().contains("--aws "), r.getOutput());
        assertTrue(r.getOutput().contains("--region=R"), r.getOutput());
        assertTrue(r.getOutput().contains(command.equals("status") ? "--table=NAME" : "--function=NAME"), r.getOutput());
        assertTrue(java.util.regex.Pattern.compile("\\./ringmaster " + command + " .*--aws").matcher(r.getOutput()).find(), r.getOutput());
    }
}
