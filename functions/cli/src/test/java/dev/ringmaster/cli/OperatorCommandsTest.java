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

    /** Seed 004's kill switch from the CLI: one cohort, then everything, after COMPLETED too; status shows the rollback. */
    @Test
    void killPerCohortAndAfterCompleted(QuarkusMainLauncher launcher) {
        String plan = RepoPaths.path("events/plans/004-canary-cohorts.yaml");
        String id = "web-2-1-0-canary";
        assertEquals(0, run(launcher, "start", plan, "--operator", "sam").exitCode());

        LaunchResult cohort = run(launcher, "kill", id, "--cohort", "internal_test", "--reason", "QA found data loss", "--operator", "kim");
        assertEquals(0, cohort.exitCode(), cohort.getErrorOutput());
        assertTrue(cohort.getOutput().contains(id + ": cohort internal_test killed by kim: QA found data loss — now HALTED"), cohort.getOutput());

        LaunchResult unknown = run(launcher, "kill", id, "--cohort", "gamma");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.getErrorOutput().contains("no cohort 'gamma' in plan web-2-1-0-canary; cohorts: [internal_test, friendly_gp, beta, ga]"),
                unknown.getErrorOutput());

        assertEquals(0, run(launcher, "promote", id, "--force", "--reason", "fix must reach everyone").exitCode());
        LaunchResult kill = run(launcher, "kill", id, "--reason", "payments errors", "--operator", "kim");
        assertEquals(0, kill.exitCode(), kill.getErrorOutput());
        assertTrue(kill.getOutput().contains(id + ": kill switch thrown by kim: payments errors — now ROLLING_BACK"), kill.getOutput());

        LaunchResult status = run(launcher, "status", id);
        assertTrue(status.getOutput().contains("owed: v"), status.getOutput());
        assertTrue(status.getOutput().contains(" kill — kill on the target"), status.getOutput());
        assertTrue(status.getOutput().contains("rollback: decided at "), status.getOutput());
        assertTrue(java.util.regex.Pattern.compile("not confirmed yet after \\w+ \\(rollbackWithin 30m\\)").matcher(status.getOutput()).find(),
                status.getOutput());
        assertTrue(status.getOutput().contains("watch: halt rules still judged, the build is live"), status.getOutput());
    }

    /** A report is recorded as the core's RecordedSignals reads it; a check read from another source is not reported. */
    @Test
    void reportRecordsACheckTheGatesRead_andOnlyAReportedOne(QuarkusMainLauncher launcher) {
        String id = "aitherzero-1-5-0";
        assertEquals(0, run(launcher, "start", RepoPaths.path("events/plans/001-aitherzero-rings.yaml"), "--operator", "sam").exitCode());

        LaunchResult webhook = run(launcher, "report", id, "--metric", "health_checks", "--result", "pass");
        assertEquals(2, webhook.exitCode());
        assertTrue(webhook.getErrorOutput().contains("--metric: 'health_checks' of " + id + " is read from source webhook, not reported; "
                + "its reported checks: [integration_tests, perf_benchmarks, container_started, module_loaded, smoke_tests, load_tests, "
                + "regression_tests, monitoring_green]"), webhook.getErrorOutput());

        LaunchResult smoke = run(launcher, "report", id, "--metric", "smoke_tests", "--result", "fail", "--operator", "ci", "--reason", "CI run 4712");
        assertEquals(0, smoke.exitCode(), smoke.getErrorOutput());
        assertTrue(smoke.getOutput().startsWith(id + ": smoke_tests fail recorded at "), smoke.getOutput());
        dev.ringmaster.core.port.RolloutStore store = LocalRunner.store(db.client());
        dev.ringmaster.core.plan.Plan plan = LocalRunner.plans().get(id, store.find(id).orElseThrow().planYaml());
        var read = new dev.ringmaster.core.signal.RecordedSignals(store).read(plan.metrics().get("smoke_tests"), id, "1.5.0",
                java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60));
        assertEquals(1, read.size(), read.toString());
        assertEquals(false, ((dev.ringmaster.core.gate.Measure.Check) read.get(0).canary()).pass());
        assertTrue(store.history(id).stream().anyMatch(h -> h.what().equals("report smoke_tests fail") && h.operator().equals("ci")
                && h.reasons().equals(java.util.List.of("CI run 4712"))), store.history(id).toString());
    }

    @Test
    void withoutARunnerTheCommandSaysSo(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("pause", "android-2-1-0", "--port", "1", "--data", data);
        assertEquals(1, r.exitCode());
        assertTrue(r.getErrorOutput().contains("no local runner on 127.0.0.1:1"), r.getErrorOutput());
    }
}
