package dev.ringmaster.testkit.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.signal.Concerns;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import dev.ringmaster.core.step.Ingest;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.testkit.VirtualClock;
import dev.ringmaster.testkit.bus.InProcessBus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each webhook event applied once, and only once there is a rollout to apply it to (DynamoDB Local). */
class IngestTest {
    private static final String PLAN = """
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: %s, app: web, version: "2.1.0"}
            spec:
              target: {type: manual}
              metrics:
                sev1_bugs: {kind: count, source: webhook, query: {kind: sev1}}
              phases:
                - {name: canary, audience: 1%%, soak: 24h, gates: [{metric: sev1_bugs, max: 0}]}
                - {name: ga, audience: 100%%}
            """;

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final RolloutStore store = store();
    private final Ingest ingest = new Ingest(store, new InProcessBus(), clock, new PlanCache(), Duration.ofDays(7));
    private final Operate operate = new Operate(store, new InProcessBus(), new RecordingScheduler(), clock, new PlanCache(),
            Capabilities.everything(), Duration.ofMinutes(5));

    private static RolloutStore store() {
        String table = "ingest-" + System.nanoTime();
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
        return new DynamoDbRolloutStore(DynamoDbLocal.client(), table);
    }

    private static Signal sev1(String id, Concerns concerns) {
        return new Signal(WebhookKind.GENERIC, id, concerns, Instant.parse("2026-12-01T09:30:00Z"), "sev1", null, null, Severity.WARNING, false,
                null, 1, null, "Sev1: checkout returns 500");
    }

    private void start(String id) {
        operate.handle(id, Command.of(Command.Type.START, "sam", "canary"), PLAN.formatted(id));
    }

    private long signals(String id) {
        return store.history(id).stream().filter(h -> h.kind() == HistoryEntry.Kind.SIGNAL).count();
    }

    @Test
    void anEventForARolloutNotStartedYet_isNotRemembered_soItsRedeliveryAfterTheStartIsApplied() {
        Signal early = sev1("JIRA-1", Concerns.rollout("web-2-1-0"));

        assertEquals(Ingest.Status.UNMATCHED, ingest.apply(early).status());
        start("web-2-1-0");

        assertEquals(Ingest.Status.APPLIED, ingest.apply(early).status());
        assertEquals(1, signals("web-2-1-0"));
    }

    @Test
    void theSameEventTwice_isRecordedOnce() {
        start("web-2-1-0");
        Signal s = sev1("JIRA-2", Concerns.rollout("web-2-1-0"));

        List<Ingest.Status> statuses = List.of(ingest.apply(s).status(), ingest.apply(s).status());

        assertEquals(List.of(Ingest.Status.APPLIED, Ingest.Status.DUPLICATE), statuses);
        assertEquals(1, signals("web-2-1-0"));
    }

    @Test
    void anEventNamingTheAppAndVersion_isRecordedAgainstEveryActiveRolloutOfThem() {
        start("web-2-1-0-eu");
        start("web-2-1-0-us");

        Ingest.Outcome o = ingest.apply(sev1("JIRA-3", new Concerns(null, "web", "2.1.0")));

        assertEquals(Ingest.Status.APPLIED, o.status());
        assertEquals(List.of(1L, 1L), List.of(signals("web-2-1-0-eu"), signals("web-2-1-0-us")), o.lines().toString());
    }
}
