package dev.ringmaster.functions.ingestwebhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.webhook.WebhookSignature;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ingest-webhook function behind its function URL, fed the events/ingest-webhook-*.json samples (payload format
 * 2.0) against DynamoDB Local: each genuine one applied, each forged, replayed, expired, oversized or malformed one
 * refused with its status and nothing changed.
 */
@QuarkusTest
@QuarkusTestResource(LocalAws.class)
@QuarkusTestResource(WebhookSettings.class)
class IngestWebhookFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The sample, aimed at {@code rolloutId}: its query and body name it. */
    private static ObjectNode sample(String name, String rolloutId) {
        String text = Fixtures.sample("ingest-webhook-" + name + ".json").replace("ios-2-1-0", rolloutId).replace("android-2-1-0", rolloutId)
                .replace("web-2-1-0-canary", rolloutId);
        return (ObjectNode) Fixtures.json(text);
    }

    private static ObjectNode headers(ObjectNode event) {
        return (ObjectNode) event.get("headers");
    }

    /** Signs the body again now, as the sender does: the sample's signature is from the day it was written. */
    private static ObjectNode signedNow(ObjectNode event) {
        byte[] body = event.get("body").asText().getBytes(StandardCharsets.UTF_8);
        headers(event).put("ringmaster-signature", WebhookSignature.header(body, WebhookSettings.SECRET, Fixtures.now()));
        return event;
    }

    private static JsonNode post(JsonNode event) {
        return Fixtures.json(given().contentType("application/json").body(event.toString()).post().then().statusCode(200).extract().asString());
    }

    private static int status(JsonNode answer) {
        return answer.path("statusCode").asInt();
    }

    private static String message(JsonNode answer) {
        return Fixtures.json(answer.path("body").asText()).path("message").asText();
    }

    private static String running() {
        String id = Fixtures.id("hook");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(30));
        return id;
    }

    private static int historySize(String id) {
        return Fixtures.store().history(id).size();
    }

    @Test
    void aGenuinePhasedReleasePausedEvent_pausesTheRollout_andItsReplayIsRefused409WithNothingChanged() {
        String id = running();

        JsonNode first = post(sample("appstore-phased-release-paused", id));

        assertEquals(200, status(first), first.toString());
        assertEquals(RolloutState.PAUSED, Fixtures.rollout(id).state());
        HistoryEntry signal = Fixtures.history(id, HistoryEntry.Kind.SIGNAL).get(0);
        assertEquals("webhook:appstore", signal.operator());
        int before = historySize(id);

        JsonNode replay = post(sample("appstore-phased-release-paused", id));

        assertEquals(409, status(replay), replay.toString());
        assertTrue(message(replay).contains("replay"), message(replay));
        assertEquals(before, historySize(id));
    }

    @Test
    void aBuildRejectedEvent_haltsTheRollout() {
        String id = running();

        JsonNode answer = post(sample("appstore-build-rejected", id));

        assertEquals(200, status(answer), answer.toString());
        assertEquals(RolloutState.HALTED, Fixtures.rollout(id).state());
    }

    @Test
    void anAlertmanagerAlertOnAGatedMetric_haltsWithinThisOneInvocation() {
        String id = running();

        JsonNode answer = post(sample("alertmanager-firing", id));

        assertEquals(200, status(answer), answer.toString());
        assertEquals(RolloutState.HALTED, Fixtures.rollout(id).state(), "crash_rate is the phase's gate; onGateFail: pause");
        JsonNode halt = Fixtures.published(id).get(0);
        assertEquals("HALT", halt.path("action").asText());
    }

    @Test
    void aCrashlyticsVelocityAlertForThisVersion_pushedByPubSubWithAGoogleSignedToken_haltsTheRollout() {
        String id = running();
        ObjectNode event = sample("crashlytics-velocity", id);
        ((ObjectNode) event.get("queryStringParameters")).put("rollout", id);
        headers(event).put("authorization", "Bearer " + WebhookSettings.pushToken(Fixtures.now()));

        JsonNode answer = post(event);

        assertEquals(200, status(answer), answer.toString());
        assertEquals(RolloutState.HALTED, Fixtures.rollout(id).state());
    }

    @Test
    void genericAndCanaryDiffEvents_signedNow_areRecordedAgainstTheRollout_withoutMovingIt() {
        String id = running();

        JsonNode generic = post(signedNow(sample("generic-sev1", id)));
        JsonNode canary = post(signedNow(sample("canary-diff", id)));

        assertEquals(200, status(generic), generic.toString());
        assertEquals(200, status(canary), canary.toString());
        assertEquals(RolloutState.RUNNING, Fixtures.rollout(id).state());
        assertEquals(List.of("webhook:generic", "webhook:canary-diff"),
                Fixtures.history(id, HistoryEntry.Kind.SIGNAL).stream().map(HistoryEntry::operator).toList());
    }

    record Refusal(String rule, String sample, int status, java.util.function.UnaryOperator<ObjectNode> change) {
        @Override
        public String toString() {
            return rule;
        }
    }

    @Test
    void forgedExpiredOversizedMalformedAndUnsignedWebhooks_areRefusedWithTheirStatus_andNothingChanges() {
        List<Refusal> refusals = List.of(
                new Refusal("a body changed after Apple signed it is forged", "appstore-build-rejected", 401,
                        e -> e.put("body", e.get("body").asText().replace("REJECTED", "READY_FOR_SALE"))),
                new Refusal("an App Store event without its signature", "appstore-build-rejected", 401,
                        e -> { headers(e).remove("x-apple-signature"); return e; }),
                new Refusal("the wrong Alertmanager token", "alertmanager-firing", 401,
                        e -> { headers(e).put("authorization", "Bearer guess"); return e; }),
                new Refusal("a signed webhook older than 5 minutes is expired (the sample's own signature)", "generic-sev1", 401, e -> e),
                new Refusal("a Pub/Sub push whose token is not Google's", "crashlytics-velocity", 401, e -> e),
                new Refusal("a body over 256 KiB", "alertmanager-firing", 413, e -> e.put("body", "{\"x\":\"" + "a".repeat(300_000) + "\"}")),
                new Refusal("a body that is not JSON", "alertmanager-firing", 400, e -> e.put("body", "{\"alerts\": [")),
                new Refusal("a body marked base64 that is not", "alertmanager-firing", 400, e -> e.put("isBase64Encoded", true).put("body", "%%%")));
        for (Refusal r : refusals) {
            String id = running();
            int before = historySize(id);

            JsonNode answer = post(r.change().apply(sample(r.sample(), id)));

            assertEquals(r.status(), status(answer), r.rule() + ": " + answer);
            assertTrue(!message(answer).isBlank() && !message(answer).contains(WebhookSettings.SECRET), r.rule() + ": " + message(answer));
            assertEquals(before, historySize(id), r.rule() + ": nothing recorded");
            assertEquals(RolloutState.RUNNING, Fixtures.rollout(id).state(), r.rule());
        }
    }
}
