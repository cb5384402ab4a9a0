package dev.ringmaster.adapters.ingest;

import static dev.ringmaster.adapters.ingest.IngressFixture.ALERTMANAGER_TOKEN;
import static dev.ringmaster.adapters.ingest.IngressFixture.ANDROID;
import static dev.ringmaster.adapters.ingest.IngressFixture.NESTORY;
import static dev.ringmaster.adapters.ingest.IngressFixture.alertmanager;
import static dev.ringmaster.adapters.ingest.IngressFixture.bytes;
import static dev.ringmaster.adapters.ingest.IngressFixture.json;
import static dev.ringmaster.adapters.ingest.IngressFixture.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Alertmanager's webhook (version 4) on seed 002's Android rollout (halt rule crash_rate: pause) and seed 000's (rollback). */
class AlertmanagerWebhookTest {
    private static final byte[] FIRING = sample("alertmanager-firing.json");

    private IngressFixture f;

    @BeforeEach
    void start() {
        f = new IngressFixture();
        f.running("002-android-staged.yaml");
    }

    /** The sample with its one alert changed. */
    private static byte[] alert(Consumer<ObjectNode> change) {
        ObjectNode body = json("alertmanager-firing.json");
        change.accept((ObjectNode) body.at("/alerts/0"));
        return bytes(body);
    }

    private static Consumer<ObjectNode> label(String name, String value) {
        return a -> ((ObjectNode) a.get("labels")).put(name, value);
    }

    @Test
    void aFiringCriticalAlertOnAPauseRulesMetric_haltsTheRollout_inOneCall() {
        WebhookResponse r = f.send(alertmanager(FIRING, ALERTMANAGER_TOKEN, Map.of()));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.HALTED, f.rollout(ANDROID).state());
        assertEquals("webhook alertmanager alert CrashRateHigh crash_rate 1", f.signals(ANDROID).get(0).what());
        assertTrue(r.applied().get(0).startsWith(ANDROID + ": RUNNING → HALTED"), r.applied().toString());
        assertEquals("HALT", f.published.get(0).action().name());
    }

    @Test
    void aFiringCriticalAlertOnARollbackRulesMetric_rollsTheRolloutBack() {
        f.running("000-nestory-rings.yaml");

        WebhookResponse r = f.send(alertmanager(alert(label("rollout", NESTORY)), ALERTMANAGER_TOKEN, Map.of()));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.ROLLING_BACK, f.rollout(NESTORY).state());
        assertEquals(RolloutState.RUNNING, f.rollout(ANDROID).state(), "the alert names one rollout");
    }

    static Stream<Arguments> notCritical() {
        return Stream.of(Arguments.of("warning"), Arguments.of("info"), Arguments.of("ticket"), Arguments.of((Object) null));
    }

    @ParameterizedTest(name = "severity {0}: an alert message, no state change")
    @MethodSource("notCritical")
    void aFiringAlertBelowCritical_alertsOnly_andTheStateStays(String severity) {
        byte[] body = alert(a -> {
            ObjectNode labels = (ObjectNode) a.get("labels");
            if (severity == null) {
                labels.remove("severity");
            } else {
                labels.put("severity", severity);
            }
        });

        WebhookResponse r = f.send(alertmanager(body, ALERTMANAGER_TOKEN, Map.of()));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.RUNNING, f.rollout(ANDROID).state());
        assertEquals(1, f.signals(ANDROID).size());
        assertTrue(f.history(ANDROID).stream().anyMatch(h -> h.kind() == HistoryEntry.Kind.DECISION && h.what().equals("HOLD")),
                "the alert is a HOLD decision with an alert reason");
    }

    @Test
    void pageIsCritical() {
        WebhookResponse r = f.send(alertmanager(alert(label("severity", "page")), ALERTMANAGER_TOKEN, Map.of()));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.HALTED, f.rollout(ANDROID).state());
    }

    @Test
    void aResolvedAlert_isRecordedAsZero_andChangesNoState() {
        byte[] body = alert(a -> a.put("status", "resolved").put("endsAt", "2026-05-02T13:18:30.512Z"));

        WebhookResponse r = f.send(alertmanager(body, ALERTMANAGER_TOKEN, Map.of()));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.RUNNING, f.rollout(ANDROID).state());
        assertEquals("webhook alertmanager alert CrashRateHigh crash_rate 0", f.signals(ANDROID).get(0).what());
    }

    @Test
    void anAlertNamingAppAndVersion_findsTheRollout() {
        byte[] body = alert(a -> {
            ((ObjectNode) a.get("labels")).remove("rollout");
            ((ObjectNode) a.get("labels")).put("app", "com.example.vpn").put("version", "2.1.0").put("kind", "crash-spike");
        });
        ObjectNode b = (ObjectNode) IngressFixture.read(body);
        ((ObjectNode) b.get("commonLabels")).remove("rollout");

        WebhookResponse r = f.send(alertmanager(bytes(b), ALERTMANAGER_TOKEN, Map.of()));

        assertEquals(200, r.status(), r.message());
        assertEquals("webhook alertmanager crash-spike CrashRateHigh crash_rate 1", f.signals(ANDROID).get(0).what());
    }

    @Test
    void alertmanagerRepeatingAnAlert_isDropped200_andChangesNothing() {
        assertEquals(200, f.send(alertmanager(FIRING, ALERTMANAGER_TOKEN, Map.of())).status());
        IngressFixture.Snapshot before = f.snapshot(ANDROID);

        WebhookResponse r = f.send(alertmanager(FIRING, ALERTMANAGER_TOKEN, Map.of()));

        assertEquals(200, r.status(), "Alertmanager re-sends every repeat_interval: the answer is not an error");
        assertTrue(r.message().startsWith("duplicate: dropped event 5b3f9c2e8a1d7f40@2026-05-02T13:02:30.512Z#firing"), r.message());
        assertEquals(before, f.snapshot(ANDROID));
    }

    @Test
    void aBatch_answersWithItsWorstAlert_notCountingDuplicates() {
        assertEquals(200, f.send(alertmanager(FIRING, ALERTMANAGER_TOKEN, Map.of())).status());
        ObjectNode body = json("alertmanager-firing.json");
        body.remove("commonLabels");
        ArrayNode alerts = (ArrayNode) body.get("alerts");
        ObjectNode other = alerts.get(0).deepCopy();
        ((ObjectNode) other.get("labels")).put("rollout", "ios-2-1-0").put("alertname", "ConnectFailuresHigh");
        other.put("fingerprint", "9d0e1f2a3b4c5d6e");
        alerts.add(other);

        WebhookResponse r = f.send(alertmanager(bytes(body), ALERTMANAGER_TOKEN, Map.of()));

        assertEquals(202, r.status(), r.message());
        assertTrue(r.message().startsWith("no rollout matches rollout ios-2-1-0"), r.message());
        assertTrue(r.message().endsWith("(2 alerts: 0 applied, 1 matched no rollout, 1 duplicates dropped)"), r.message());
        assertEquals(2, r.applied().size(), r.applied().toString());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a wrong bearer token", 401, "the bearer token does not match RINGMASTER_WEBHOOK_SECRET_ALERTMANAGER",
                        f -> alertmanager(FIRING, "am-bearer-token-3e8b51c3", Map.of())),
                refusal("no Authorization header", 401, "missing Authorization: Bearer",
                        f -> new WebhookRequest("alertmanager", Map.of(), FIRING, Map.of())),
                refusal("basic auth instead of a bearer token", 401, "is not Bearer <token>",
                        f -> new WebhookRequest("alertmanager", Map.of("Authorization", "Basic YWxlcnQ6bWFuYWdlcg=="), FIRING, Map.of())),
                refusal("a body over 256 KiB", 413, "over the limit",
                        f -> alertmanager(new byte[300_000], ALERTMANAGER_TOKEN, Map.of())),
                refusal("malformed JSON", 400, "the body is not JSON",
                        f -> alertmanager("{\"alerts\":[}".getBytes(StandardCharsets.UTF_8), ALERTMANAGER_TOKEN, Map.of())),
                refusal("a key given twice", 400, "Duplicate field 'version'",
                        f -> alertmanager("{\"version\":\"4\",\"version\":\"4\",\"alerts\":[]}".getBytes(StandardCharsets.UTF_8), ALERTMANAGER_TOKEN, Map.of())),
                refusal("an alert without fingerprint", 400, "field `alerts[0].fingerprint`: missing",
                        f -> alertmanager(alert(a -> a.remove("fingerprint")), ALERTMANAGER_TOKEN, Map.of())),
                refusal("a status that is neither firing nor resolved", 400, "field `alerts[0].status`: `pending` is not firing or resolved",
                        f -> alertmanager(alert(a -> a.put("status", "pending")), ALERTMANAGER_TOKEN, Map.of())),
                refusal("a metric label that is no metric name", 400, "field `alerts[0].labels.metric`: `crash rate` is not a plan metric name",
                        f -> alertmanager(alert(label("metric", "crash rate")), ALERTMANAGER_TOKEN, Map.of())),
                refusal("a rollout label that is no rollout id", 400, "field `alerts[0].labels.rollout`: `Android_2.1.0` is not a rollout id",
                        f -> alertmanager(alert(label("rollout", "Android_2.1.0")), ALERTMANAGER_TOKEN, Map.of())),
                refusal("a label that is not text", 400, "field `alerts[0].labels.severity`: `2` is a number, not a text",
                        f -> alertmanager(alert(a -> ((ObjectNode) a.get("labels")).put("severity", 2)), ALERTMANAGER_TOKEN, Map.of())),
                refusal("webhook version 3", 400, "field `version`: `3` is not 4",
                        f -> {
                            ObjectNode b = json("alertmanager-firing.json");
                            b.put("version", "3");
                            return alertmanager(bytes(b), ALERTMANAGER_TOKEN, Map.of());
                        }));
    }

    private static Arguments refusal(String rule, int status, String says, Function<IngressFixture, WebhookRequest> request) {
        return Arguments.of(rule, status, says, request);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusals")
    void aRefusedDelivery_getsItsStatusAndReason_andChangesNothing(String rule, int status, String says,
                                                                  Function<IngressFixture, WebhookRequest> request) {
        WebhookRequest req = request.apply(f);
        IngressFixture.Snapshot before = f.snapshot(ANDROID);

        WebhookResponse r = f.send(req);

        assertEquals(status, r.status(), r.message());
        assertTrue(r.message().contains(says), r.message());
        assertTrue(!r.message().contains(ALERTMANAGER_TOKEN), "never echoes the token");
        assertEquals(before, f.snapshot(ANDROID), "nothing recorded, nothing changed");
        assertEquals(List.of(), r.applied());
    }
}
