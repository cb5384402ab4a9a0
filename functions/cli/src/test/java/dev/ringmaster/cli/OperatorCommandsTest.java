package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operator commands against a local runner's DynamoDB Local: exit 0 accepted, 1 refused with why. */
@QuarkusMainTest
class OperatorCommandsTest {
    private static LocalDynamoDb db;
    private static String port;
    private static String data;

    @BeforeAll
    static void runnerStore() throws Exception {
        Path dir = Files.createTempDirectory("ringmaster-run");
        db = LocalDynamoDb.start(dir.resolve("db"), 0);
        LocalRunner.store(db.client());
        port = String.valueOf(db.port());
        data = dir.resolve("data").toString();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static LaunchResult run(QuarkusMainLauncher launcher, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--port";
        all[args.length + 1] = port;
        all[args.length + 2] = "--data";
        all[args.length + 3] = data;
        return launcher.launch(all);
    }

    @Test
    void startStatusAndTheGuardsOfTheStateMachine(QuarkusMainLauncher launcher) {
        String plan = RepoPaths.path("events/plans/002-android-staged.yaml");
        LaunchResult start = run(launcher, "start", plan, "--operator", "sam");
        assertEquals(0, start.exitCode(), start.getErrorOutput());
        assertTrue(start.getOutput().contains("android-2-1-0: started at 'phase-1' by sam — now RUNNING"), start.getOutput());

        LaunchResult again = run(launcher, "start", plan);
        assertEquals(1, again.exitCode());
        assertTrue(again.getErrorOutput().contains("refused: rollout android-2-1-0 is already RUNNING"), again.getErrorOutput());

        LaunchResult promote = run(launcher, "promote", "android-2-1-0", "--force");
        assertEquals(1, promote.exitCode());
        assertTrue(promote.getErrorOutput().contains("needs a reason"), promote.getErrorOutput());

        LaunchResult approve = run(launcher, "approve", "android-2-1-0");
        assertEquals(1, approve.exitCode());
        assertTrue(approve.getErrorOutput().contains("phase 'phase-2' does not ask for approval"), approve.getErrorOutput());

        LaunchResult report = run(launcher, "report", "android-2-1-0", "--metric", "crash_rate", "--result", "pass");
        assertEquals(2, report.exitCode());
        assertTrue(report.getErrorOutput().contains("'crash_rate' is not a check metric of android-2-1-0"), report.getErrorOutput());

        LaunchResult status = run(launcher, "status", "android-2-1-0");
        assertEquals(0, status.exitCode(), status.getErrorOutput());
        assertTrue(status.getOutput().contains("RUNNING in phase 1/3 'phase-1' (10%)"), status.getOutput());
        assertTrue(status.getOutput().contains("target: v1 enter asked at "), status.getOutput());
        assertTrue(status.getOutput().contains("owed: v1 start — enter on the target — its message; the runner's next tick sends it"),
                status.getOutput());
    }

    @Test
    void withoutARunnerTheCommandSaysSo(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("pause", "android-2-1-0", "--port", "1", "--data", data);
        assertEquals(1, r.exitCode());
        assertTrue(r.getErrorOutput().contains("no local runner on 127.0.0.1:1"), r.getErrorOutput());
    }
}
