package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.ingest.IngressConfig;
import dev.ringmaster.adapters.live.LiveIngress;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.step.Ingest;
import dev.ringmaster.testkit.LocalChain;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.testkit.bus.InProcessBus;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.testkit.sim.SimFlagStore;
import dev.ringmaster.testkit.sim.SimTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's done-when on a real Alertmanager: it posts its webhook, with the bearer token it was configured with, to
 * the listener {@code run --listen} serves, and an alert on seed 002's gated crash rate halts the rollout at once.
 */
class AlertmanagerWebhookTest {
    private static final String ID = "android-2-1-0";
    private static final String TOKEN = "am-token-7f3c";

    @BeforeEach
    void needsAlertmanager() {
        LocalAlertmanager.assumeInstalled();
    }

    @Test
    void aFiringCriticalAlertOnAHaltRulesMetric_haltsTheRollout_andPlayIsHaltedAtOnce() throws Exception {
        Clock clock = Clock.systemUTC();
        String table = "alertmanager-" + System.nanoTime();
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
        RolloutStore store = new DynamoDbRolloutStore(DynamoDbLocal.client(), table);
        SimFlagStore flags = new SimFlagStore(clock);
        SimTargets targets = SimTargets.of(clock, flags);
        LocalChain chain = new LocalChain(new LocalChain.World(store, new RunMetrics(null), targets.targets(), flags, new RecordingNotifier(clock),
                new RecordingScheduler(), clock), new InProcessBus(), Capabilities.everything(), Duration.ofMinutes(5), true, Duration.ZERO);
        String plan = Files.readString(Path.of(RepoPaths.path("events/plans/002-android-staged.yaml")));
        assertInstanceOf(CommandResult.Accepted.class,
                chain.operate.handle(ID, new Command(Command.Type.START, "sam", "release 2.1.0", null, true, false), plan));
        Ingest ingest = new Ingest(store, chain.bus, clock, LocalRunner.plans(), Ingest.KEEP);
        Map<String, String> env = Map.of("RINGMASTER_WEBHOOK_SECRET_ALERTMANAGER", TOKEN);

        try (WebhookListener listener = WebhookListener.start("127.0.0.1", 0, LiveIngress.from(k -> Optional.empty(), env, clock, ingest),
                IngressConfig.MAX_BODY_BYTES, line -> { });
             LocalAlertmanager alertmanager = LocalAlertmanager.start("http://127.0.0.1:" + listener.port() + "/webhooks/alertmanager", TOKEN)) {
            long posted = System.nanoTime();
            alertmanager.post("""
                    [{"labels": {"alertname": "CrashRateHigh", "rollout": "%s", "metric": "crash_rate", "severity": "critical"},
                      "annotations": {"summary": "crash rate 3.1 %% over 15m (> 2 %%)"},
                      "startsAt": "%s"}]""".formatted(ID, Instant.now().minusSeconds(30)));

            List<String> playCalls = awaitHalt(targets, Duration.ofSeconds(20));
            System.out.printf("AlertmanagerWebhookTest: alert posted to Alertmanager → Play track halted in %d ms%n",
                    (System.nanoTime() - posted) / 1_000_000);

            assertEquals(List.of("enter", "halt"), playCalls, "the halt reached Google Play through pause-store-rollout at once; "
                    + "alertmanager log:\n" + alertmanager.log());
        }
        assertEquals(RolloutState.HALTED, store.find(ID).orElseThrow().rollout().state());
        List<HistoryEntry> history = store.history(ID);
        HistoryEntry signal = history.stream().filter(h -> h.kind() == HistoryEntry.Kind.SIGNAL).findFirst().orElseThrow();
        assertEquals("webhook:alertmanager", signal.operator());
        assertTrue(signal.reasons().get(0).contains("CrashRateHigh"), signal.toString());
        assertTrue(history.stream().anyMatch(h -> h.kind() == HistoryEntry.Kind.TRANSITION && h.what().equals("RUNNING → HALTED")
                && h.reasons().get(0).contains("halt rule crash_rate ≤ 0.02 for 15m")), history.toString());
    }

    /** The Play calls that went through, once the halt reached the track or {@code within} passed. */
    private static List<String> awaitHalt(SimTargets targets, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        List<String> calls = playCalls(targets);
        while (!calls.contains("halt") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            calls = playCalls(targets);
        }
        return calls;
    }

    private static List<String> playCalls(SimTargets targets) {
        return targets.calls().getOrDefault(dev.ringmaster.core.plan.TargetType.GOOGLE_PLAY, List.of()).stream()
                .filter(c -> !c.refused()).map(c -> c.operation()).toList();
    }
}
