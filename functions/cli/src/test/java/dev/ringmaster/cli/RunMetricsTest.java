package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.signal.Concerns;
import dev.ringmaster.core.signal.RecordedSignals;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import dev.ringmaster.sim.ScenarioParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local runner's metrics: what {@code report} and webhooks recorded in the rollout's history (read through the
 * core's RecordedSignals) is the truth over the scenario; the scenario decides the rest, and static stays static.
 */
class RunMetricsTest {
    private static final String ID = "web-2-1-0";
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant NOW = START.plus(Duration.ofHours(1));
    private static final Plan PLAN = PlanParser.parse("plan.yaml", """
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: web-2-1-0, app: web, version: "2.1.0"}
            spec:
              target: {type: manual}
              metrics:
                crash_rate:      {kind: rate, source: static, query: {bad: 10, total: 100000}}
                smoke_tests:     {kind: check}
                slos_met:        {kind: check}
                sev1_bugs:       {kind: count, source: webhook, query: {kind: sev1}}
                security_alerts: {kind: count, source: webhook, query: {kind: security-alert}}
              phases:
                - {name: phase-1, audience: 10%, soak: 1h, gates: [{metric: smoke_tests, pass: true}, {metric: sev1_bugs, max: 0}]}
                - {name: phase-2, audience: 100%}
            """).plan();
    /** The scenario simulates smoke_tests and sev1_bugs; slos_met and security_alerts only ever come from outside. */
    private static final String SCENARIO = """
            name: reported
            tick: 5m
            users: 100000
            start: "2026-12-01T09:00:00Z"
            metrics:
              smoke_tests: {canary: pass}
              sev1_bugs:   {baseline: 0, canary: 0}
            until: 1d
            """;

    private RolloutStore store;
    private RunMetrics metrics;

    @BeforeEach
    void runner() {
        String table = "metrics-" + System.nanoTime();
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
        store = new DynamoDbRolloutStore(DynamoDbLocal.client(), table);
        metrics = new RunMetrics(ScenarioParser.parse("reported.yaml", SCENARIO)).readingReportsFrom(store);
        for (Instant t = START.plus(Duration.ofMinutes(5)); !t.isAfter(NOW); t = t.plus(Duration.ofMinutes(5))) {
            metrics.observe(ID, PLAN, PLAN.phases().get(0), t, START, Duration.ofMinutes(5));
        }
    }

    private List<Sample> read(String metric) {
        return metrics.read(PLAN.metrics().get(metric), ID, "2.1.0", START, NOW);
    }

    private void report(String metric, boolean pass, Instant at) {
        store.append(RecordedSignals.report(ID, at, 1, "phase-1", metric, pass, "ci", "CI run 4711"));
    }

    private void webhook(String kind, String eventId, Instant at) {
        store.append(RecordedSignals.entry(new Signal(WebhookKind.GENERIC, eventId, Concerns.rollout(ID), at, kind, null, null, Severity.CRITICAL,
                false, null, 1, null, kind + " reported"), ID, 1, "phase-1"));
    }

    private static Measure last(List<Sample> samples) {
        return samples.get(samples.size() - 1).canary();
    }

    @Test
    void aReportedCheck_isTheTruthOverTheScenario() {
        assertEquals(true, ((Measure.Check) last(read("smoke_tests"))).pass(), "the scenario's pass, before any report");

        report("smoke_tests", false, NOW.minus(Duration.ofMinutes(10)));

        assertEquals(List.of(new Sample(NOW.minus(Duration.ofMinutes(10)), new Measure.Check(false, NOW.minus(Duration.ofMinutes(10))), null)),
                read("smoke_tests"));
    }

    @Test
    void aCheckNobodyReportedOrSimulated_hasNoData() {
        assertEquals(List.of(), read("slos_met"));
        report("slos_met", true, NOW.minus(Duration.ofMinutes(1)));
        assertEquals(true, ((Measure.Check) last(read("slos_met"))).pass());
    }

    @Test
    void webhookEvents_areCountedOverTheScenario_whichDecidesAWindowWithoutAny() {
        List<Sample> simulated = read("sev1_bugs");
        assertEquals(12, simulated.size(), "one simulated sample a tick, baseline included");

        webhook("sev1", "evt-1", NOW.minus(Duration.ofMinutes(20)));
        webhook("sev1", "evt-2", NOW.minus(Duration.ofMinutes(5)));
        webhook("security-alert", "evt-3", NOW.minus(Duration.ofMinutes(5)));

        assertEquals(List.of(new Sample(NOW, new Measure.Events(2, 60), null)), read("sev1_bugs"), "the two sev1 events in the hour");
    }

    @Test
    void aWebhookCountNoScenarioSimulates_isZeroEventsWithoutAny_notMissingData() {
        assertEquals(List.of(new Sample(NOW, new Measure.Events(0, 60), null)), read("security_alerts"));
        webhook("security-alert", "evt-4", NOW.minus(Duration.ofMinutes(1)));
        assertEquals(List.of(new Sample(NOW, new Measure.Events(1, 60), null)), read("security_alerts"));
    }

    @Test
    void staticStaysStatic() {
        assertEquals(new Measure.Counts(10, 100000), last(read("crash_rate")), "the plan's value");
    }
}
