package dev.ringmaster.testkit.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.signal.Concerns;
import dev.ringmaster.core.signal.RecordedSignals;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Webhook and report metrics read back from the history on DynamoDB Local, the way the gates read them. */
class RecordedSignalsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();
    private static RolloutStore store;
    private static final String ID = "web-2-1-0-canary";

    @BeforeAll
    static void seed() {
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), "signals");
        store = new DynamoDbRolloutStore(DynamoDbLocal.client(), "signals");
        store.create(new StoredRollout(Rollout.pending(ID), "plan"), new HistoryEntry(ID, T0, 0, HistoryEntry.Kind.COMMAND, "create",
                "canary", "jane", List.of("plan stored")));
        record(WebhookKind.GENERIC, "sev1", null, null, 1, null, 10);
        record(WebhookKind.GENERIC, "sev1", null, null, 2, null, 20);
        record(WebhookKind.GENERIC, "sev1", null, null, 1, null, 200);
        record(WebhookKind.ALERTMANAGER, "alert", "DatabaseConnectionsExhausted", "db_connections", 1, null, 30);
        record(WebhookKind.ALERTMANAGER, "alert", "DiskFull", null, 1, null, 31);
        record(WebhookKind.GENERIC, "anomaly-3-sigma", null, "approval_denial_rate", 1, null, 40);
        record(WebhookKind.GENERIC, "health-checks", null, null, 0, false, 50);
        record(WebhookKind.GENERIC, "health-checks", null, null, 0, true, 55);
        store.append(RecordedSignals.report(ID, T0.plus(Duration.ofMinutes(5)), 0, "canary", "smoke_tests", true, "ci", "CI run 4711"));
    }

    private static void record(WebhookKind from, String kind, String name, String metric, double count, Boolean pass, int minute) {
        Signal s = new Signal(from, "e" + IDS.incrementAndGet(), Concerns.rollout(ID), T0.plus(Duration.ofMinutes(minute)), kind, name, metric,
                Severity.WARNING, metric != null, null, count, pass, "told at minute " + minute);
        store.append(RecordedSignals.entry(s, ID, 0, "canary"));
    }

    record Case(String rule, MetricDef metric, int fromMinute, int toMinute, double events) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static MetricDef count(String name, Map<String, Object> query) {
        return new MetricDef(name, MetricKind.COUNT, "webhook", query);
    }

    static Stream<Case> counts() {
        return Stream.of(
                new Case("seed 004 sev1 bugs: every sev1 told in the window counts, with its count", count("sev1_bugs", Map.of("kind", "sev1")), 0, 60, 3),
                new Case("a later sev1 counts in the window it falls in", count("sev1_bugs", Map.of("kind", "sev1")), 0, 240, 4),
                new Case("without query.kind the metric's name is the kind", count("sev1", Map.of()), 0, 60, 3),
                new Case("kind alertmanager with a filter counts that alertname only",
                        count("db_connection_exhaustion", Map.of("kind", "alertmanager", "filter", "DatabaseConnectionsExhausted")), 0, 60, 1),
                new Case("kind alertmanager without a filter counts every alert", count("alerts", Map.of("kind", "alertmanager")), 0, 60, 2),
                new Case("a filter matches the metric the sender names",
                        count("approval_denial_spikes", Map.of("kind", "anomaly-3-sigma", "filter", "approval_denial_rate")), 0, 60, 1),
                new Case("nothing told in the window is zero events over the window, not missing data",
                        count("sev1_bugs", Map.of("kind", "sev1")), 60, 120, 0),
                new Case("a signal exactly at the window's start belongs to the window before", count("sev1_bugs", Map.of("kind", "sev1")), 10, 60, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void countsWhatWebhooksTold(Case c) {
        List<Sample> samples = new RecordedSignals(store).read(c.metric(), ID, "2.1.0", T0.plus(Duration.ofMinutes(c.fromMinute())),
                T0.plus(Duration.ofMinutes(c.toMinute())));

        assertEquals(1, samples.size(), c.rule());
        Measure.Events e = (Measure.Events) samples.get(0).canary();
        assertEquals(c.events(), e.events(), c.rule());
        assertEquals(c.toMinute() - c.fromMinute(), e.minutes(), 1e-9, c.rule());
    }

    @Test
    void seed001HealthChecks_aWebhookCheck_isEveryResultToldUpToNow_theLatestLast() {
        List<Sample> samples = new RecordedSignals(store).read(new MetricDef("health_checks", MetricKind.CHECK, "webhook", Map.of("kind", "health-checks")),
                ID, "2.1.0", T0, T0.plus(Duration.ofHours(1)));

        assertEquals(List.of(false, true), samples.stream().map(s -> ((Measure.Check) s.canary()).pass()).toList());
    }

    @Test
    void aReportedCheck_isReadBackForItsMetricOnly() {
        RecordedSignals signals = new RecordedSignals(store);

        List<Sample> smoke = signals.read(new MetricDef("smoke_tests", MetricKind.CHECK, "report", Map.of()), ID, "2.1.0", T0, T0.plus(Duration.ofHours(1)));
        List<Sample> load = signals.read(new MetricDef("load_tests", MetricKind.CHECK, "report", Map.of()), ID, "2.1.0", T0, T0.plus(Duration.ofHours(1)));

        assertEquals(new Measure.Check(true, T0.plus(Duration.ofMinutes(5))), smoke.get(0).canary());
        assertEquals(List.of(), load);
    }
}
