package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bench cost from a bench runtime JSON file, and the bad input of both commands named with its value. */
@QuarkusMainTest
class BenchCostCommandTest {
    /** What `bench runtime --json` writes, trimmed to what cost reads: 100 ms warm ticks, 2 s starts, 3 RRU and 28 WRU a tick. */
    private static final String RUNTIME = """
            {"measuredAt": "2026-12-02T08:00:00Z",
             "coldStarts": [
               {"function": "evaluate-gates", "package": "Quarkus JVM", "launches": 5, "medianFirstEventMs": 2000,
                "medianWarmTickMs": 100, "medianLogBytesPerTick": 0, "error": false, "answer": "{}"},
               {"function": "operate", "package": "Quarkus JVM", "launches": 5, "medianFirstEventMs": 2000, "error": false, "answer": "{}"}],
             "steadyState": [
               {"historyHours": 24, "readsPerTick": 2, "writesPerTick": 1, "readUnitsPerTick": 3, "writeUnitsPerTick": 28,
                "capacityReported": true}]}
            """;

    @Test
    void costEndsInTheDollarsPerRolloutDayAndSaysWhatIdleCosts(QuarkusMainLauncher launcher) throws IOException {
        Path file = Files.createTempFile("runtime", ".json");
        Files.writeString(file, RUNTIME);
        LaunchResult r = launcher.launch("bench", "cost", "--runtime", file.toString());
        assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
        List<String> lines = r.getOutput().lines().toList();
        // Lambda 0.0000586 + 0.0014467 + DynamoDB 0.0001093 + 0.0050525 + Scheduler 0.000288 + events 0.000002
        // + logs 0.0000409 + alarm 0.0032877 + metric 0.0098630 = $0.0201
        assertEquals("evaluate-gates every 5 minutes and the rest of one rollout's day, JVM at 1024 MB: $0.0201 per rollout-day",
                lines.get(lines.size() - 1));
        assertEquals("without the rollout's no-tick alarm and its metric (-c noTickAlarm=false), JVM at 1024 MB: $0.0070 per rollout-day",
                lines.get(lines.size() - 2), "the same less the alarm and the metric");
        assertTrue(r.getOutput().contains("the stack's fixed cost $2.60 a month (10 standing alarms × $0.10 + 4 secrets × $0.40; $1.00 with -c webhookSecrets=ssm)"), r.getOutput());
        assertTrue(r.getOutput().contains("[1] AWS whitepaper 'How AWS Pricing Works: Lambda'"), r.getOutput());
        assertTrue(r.getOutput().contains("UNVERIFIED"), r.getOutput());
    }

    @Test
    void aMissingRuntimeFileIsNamed(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("bench", "cost", "--runtime", "no/such/runtime.json");
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("--runtime: no/such/runtime.json is not a file"), r.getErrorOutput());
    }

    @Test
    void runtimeRefusesTooFewTicksNamingTheOptionAndTheValue(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("bench", "runtime", "--ticks", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("--ticks: 0 must be at least 1"), r.getErrorOutput());
    }
}
