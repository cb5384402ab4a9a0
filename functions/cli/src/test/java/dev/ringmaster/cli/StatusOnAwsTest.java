package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: {@code status --aws} reads the deployed table (here DynamoDB Local behind RINGMASTER_AWS_ENDPOINT) through
 * the same store adapter the functions write with, and says what the local {@code status} says.
 */
@QuarkusMainTest
class StatusOnAwsTest {
    private static final String ID = "android-2-1-0";
    private static final String DEPLOYED = "ringmaster-prod";
    private static LocalDynamoDb db;
    private static Path data;
    /** What a deployment's environment gives: its table (RINGMASTER_TABLE), its endpoint, credentials the SDK's chain finds. */
    private static Map<String, String> settings;

    @BeforeAll
    static void deployedTable() throws Exception {
        Path dir = Files.createTempDirectory("ringmaster-aws");
        data = dir.resolve("data");
        db = LocalDynamoDb.start(dir.resolve("db"), 0);
        DynamoDbRolloutStore.createTable(db.client(), DEPLOYED);
        Instant started = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        write(new DynamoDbRolloutStore(db.client(), DEPLOYED), started);
        // The same rollout in the local runner's table, for the local status to compare with.
        write(LocalRunner.store(db.client()), started);
        settings = Map.of("ringmaster.aws.endpoint", "http://127.0.0.1:" + db.port(), "ringmaster.table", DEPLOYED,
                "aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        settings.forEach(System::setProperty);
    }

    @AfterAll
    static void stop() {
        settings.keySet().forEach(System::clearProperty);
        db.close();
    }

    /** Started two hours ago by operate, and one tick of evaluate-gates since: what the functions leave in the table. */
    private static void write(RolloutStore store, Instant started) throws Exception {
        String plan = Files.readString(Path.of(RepoPaths.path("events/plans/002-android-staged.yaml")));
        assertInstanceOf(CommandResult.Accepted.class, LocalRunner.forCommands(store, Clock.fixed(started, ZoneOffset.UTC))
                .handle(ID, new Command(Command.Type.START, "jane.doe", "release 2.1.0 approved", null, true, false), plan));
        store.append(new HistoryEntry(ID, started.plus(Duration.ofMinutes(5)), 1, HistoryEntry.Kind.DECISION, "HOLD in phase-1", "phase-1",
                "ringmaster", List.of("soaking: 5m of 24h", "verdict: crash_rate max 0.02 PASS: 0.21 % (42 of 20000 sessions)")));
    }

    @Test
    void statusOnAws_readsTheDeployedTable_andSaysWhatTheLocalStatusSays(QuarkusMainLauncher launcher) {
        LaunchResult deployed = launcher.launch("status", ID, "--aws", "--region", "eu-west-1");
        LaunchResult local = launcher.launch("status", ID, "--port", String.valueOf(db.port()), "--data", data.toString());

        assertEquals(0, deployed.exitCode(), deployed.getErrorOutput());
        assertEquals(0, local.exitCode(), local.getErrorOutput());
        String out = deployed.getOutput();
        assertTrue(out.contains(ID + " 2.1.0: RUNNING in phase 1/3 'phase-1' (10%), version 1"), out);
        assertTrue(out.contains("in phase for 2h of soak 24h"), out);
        assertTrue(out.contains("last decision ") && out.contains(": HOLD in phase-1 — waits for / because: soaking: 5m of 24h"), out);
        assertTrue(out.contains("PASS     crash_rate max 0.02: 0.21 % (42 of 20000 sessions)"), out);
        assertTrue(out.contains("owed: v1 start — enter on the target — its message; the next tick sends it"), out);
        assertEquals(local.getOutput().replace("the runner's next tick sends it", "the next tick sends it"), out,
                "the same status, said of the deployment");
    }

    @Test
    void theTable_isTheOneNamed(QuarkusMainLauncher launcher) {
        LaunchResult other = launcher.launch("status", ID, "--aws", "--region", "eu-west-1", "--table", "ringmaster-staging");

        assertEquals(2, other.exitCode(), other.getOutput());
        assertTrue(other.getErrorOutput().startsWith("cannot read the table ringmaster-staging in http://127.0.0.1:" + db.port()
                + ": HTTP 400 ResourceNotFoundException: "), other.getErrorOutput());
        assertTrue(other.getErrorOutput().contains("Name the deployed table with --table or RINGMASTER_TABLE"), other.getErrorOutput());
        assertFalse(other.getErrorOutput().contains("\tat "), other.getErrorOutput());

        LaunchResult missing = launcher.launch("status", "ios-2-1-0", "--aws", "--region", "eu-west-1", "--table", DEPLOYED);
        assertEquals(1, missing.exitCode());
        assertEquals("ios-2-1-0: no such rollout in table " + DEPLOYED, missing.getErrorOutput().strip());
    }
}
