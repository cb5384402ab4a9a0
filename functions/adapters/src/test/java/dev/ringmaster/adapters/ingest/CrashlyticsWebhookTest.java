package dev.ringmaster.adapters.ingest;

import static dev.ringmaster.adapters.ingest.IngressFixture.ANDROID;
import static dev.ringmaster.adapters.ingest.IngressFixture.NOW;
import static dev.ringmaster.adapters.ingest.IngressFixture.bytes;
import static dev.ringmaster.adapters.ingest.IngressFixture.crashlytics;
import static dev.ringmaster.adapters.ingest.IngressFixture.json;
import static dev.ringmaster.adapters.ingest.IngressFixture.read;
import static dev.ringmaster.adapters.ingest.IngressFixture.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crashlytics alerts pushed by Pub/Sub to seed 002's Android rollout (?app=com.example.vpn, the alert's appVersion
 * "2.1.0 (2101)"), with Google's key set on WireMock and tokens minted as Google mints them.
 */
class CrashlyticsWebhookTest {
    private static final Map<String, String> BY_APP = Map.of("app", "com.example.vpn");
    private static final byte[] VELOCITY = sample("crashlytics-velocity.json");

    private IngressFixture f;

    @BeforeEach
    void start() {
        f = new IngressFixture();
        f.running("002-android-staged.yaml");
    }

    private String token() {
        return f.google.token(NOW);
    }

    @Test
    void aVelocityAlertForThisVersion_haltsTheRollout() {
        WebhookResponse r = f.send(crashlytics(VELOCITY, token(), BY_APP));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.HALTED, f.rollout(ANDROID).state());
        HistoryEntry signal = f.signals(ANDROID).get(0);
        assertEquals("webhook crashlytics crashlytics.velocity 7c1f0b2e9a4d3c5b - 1", signal.what());
        assertTrue(signal.reasons().get(0).startsWith("Crashlytics velocity: java.lang.IllegalStateException: tunnel closed before handshake in 2.1.0 (2101)"),
                signal.reasons().toString());
        assertTrue(signal.reasons().contains("event crashlytics 11937004512345678"));
    }

    @Test
    void anAlertForAnotherVersion_matchesNoRollout_202() {
        IngressFixture.Snapshot before = f.snapshot(ANDROID);

        WebhookResponse r = f.send(crashlytics(withAlert(a -> a.put("appVersion", "2.0.4 (2040)")), token(), BY_APP));

        assertEquals(202, r.status(), r.message());
        assertTrue(r.message().contains("app com.example.vpn version 2.0.4 (2040)"), r.message());
        assertEquals(before, f.snapshot(ANDROID));
    }

    @Test
    void aNewFatalIssue_isRecordedWithoutStopping() {
        byte[] body = withData(d -> {
            ((ObjectNode) d.get("payload")).put("@type", "type.googleapis.com/google.events.firebase.firebasealerts.v1.CrashlyticsNewFatalIssuePayload");
            ((ObjectNode) d.get("payload")).remove("crashCount");
        }, "crashlytics.newFatalIssue");

        WebhookResponse r = f.send(crashlytics(body, token(), BY_APP));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.RUNNING, f.rollout(ANDROID).state());
        assertEquals("webhook crashlytics crashlytics.newFatalIssue 7c1f0b2e9a4d3c5b - 1", f.signals(ANDROID).get(0).what());
    }

    @Test
    void withoutTheAlerttypeAttribute_thePayloadTypeSaysWhichAlert() {
        ObjectNode body = json("crashlytics-velocity.json");
        ((ObjectNode) body.at("/message/attributes")).remove("alerttype");

        WebhookResponse r = f.send(crashlytics(bytes(body), token(), BY_APP));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.HALTED, f.rollout(ANDROID).state());
    }

    @Test
    void pubSubRedeliveringAnAppliedMessage_isAcknowledged200_andChangesNothing() {
        assertEquals(200, f.send(crashlytics(VELOCITY, token(), BY_APP)).status());
        IngressFixture.Snapshot before = f.snapshot(ANDROID);

        WebhookResponse r = f.send(crashlytics(VELOCITY, token(), BY_APP));

        assertEquals(200, r.status(), "anything else and Pub/Sub redelivers it forever");
        assertTrue(r.message().startsWith("duplicate: dropped event 11937004512345678"), r.message());
        assertEquals(before, f.snapshot(ANDROID));
    }

    @Test
    void googlesKeySet_isFetchedOnce_forManyPushes() {
        int before = f.google.keySetFetches();
        for (int i = 0; i < 3; i++) {
            ObjectNode body = json("crashlytics-velocity.json");
            ((ObjectNode) body.get("message")).put("messageId", "m-" + i).remove("message_id");
            f.send(crashlytics(bytes(body), token(), BY_APP));
        }
        assertEquals(1, f.google.keySetFetches() - before);
    }

    @Test
    void withoutAudienceAndServiceAccountConfigured_everyPushIs401_namingTheVariables() {
        IngressFixture unset = new IngressFixture(env -> env.remove(IngressConfig.AUDIENCE_VARIABLE));
        unset.running("002-android-staged.yaml");

        WebhookResponse r = unset.send(crashlytics(VELOCITY, unset.google.token(NOW), BY_APP));

        assertEquals(401, r.status());
        assertTrue(r.message().contains("set " + IngressConfig.AUDIENCE_VARIABLE), r.message());
        assertEquals(RolloutState.RUNNING, unset.rollout(ANDROID).state());
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                token("the wrong audience", "audience (aud) is not the one in", (g, t) -> g.token(t, c -> c.audience("https://elsewhere.example/push"))),
                token("two audiences, ours among them", "audience (aud)", (g, t) -> g.token(t, c -> c.audience(List.of(GoogleKeys.AUDIENCE, "x")))),
                token("issued by someone else", "not issued by Google", (g, t) -> g.token(t, c -> c.issuer("https://evil.example"))),
                token("expired an hour ago", "expired at", (g, t) -> g.token(t, c -> c.issueTime(Date.from(t.minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(t.minus(Duration.ofHours(1)))))),
                token("not valid yet", "not valid before", (g, t) -> g.token(t, c -> c.notBeforeTime(Date.from(t.plus(Duration.ofMinutes(10)))))),
                token("another service account", "email is not the service account", (g, t) -> g.token(t, c -> c.claim("email", "intruder@other.iam.gserviceaccount.com"))),
                token("an unverified email", "email_verified is not true", (g, t) -> g.token(t, c -> c.claim("email_verified", false))),
                token("signed by another key under Google's kid", "signature does not verify", (g, t) -> g.signedBy(g.impostor(), t)),
                token("signed by a key Google does not publish", "key (kid) is not one of Google's", (g, t) -> g.signedBy(g.stranger(), t)),
                token("unsigned (alg none)", "unsigned (alg none)", GoogleKeys::unsigned),
                token("not a JWT", "not a JWT", (g, t) -> "ya29.not-a-jwt"),
                token("no token at all", "missing Authorization", (g, t) -> null));
    }

    private static Arguments token(String rule, String says, BiFunction<GoogleKeys, Instant, String> mint) {
        return Arguments.of(rule, says, mint);
    }

    @ParameterizedTest(name = "a token {0}: 401")
    @MethodSource("badTokens")
    void aPushWhoseTokenFailsACheck_is401_sayingWhich_andChangesNothing(String rule, String says,
                                                                       BiFunction<GoogleKeys, Instant, String> mint) {
        String token = mint.apply(f.google, NOW);
        WebhookRequest req = token == null ? new WebhookRequest("crashlytics", Map.of(), VELOCITY, BY_APP) : crashlytics(VELOCITY, token, BY_APP);
        IngressFixture.Snapshot before = f.snapshot(ANDROID);

        WebhookResponse r = f.send(req);

        assertEquals(401, r.status(), r.message());
        assertTrue(r.message().contains(says), r.message());
        assertFalse(token != null && r.message().contains(token), "the token is never echoed");
        assertEquals(before, f.snapshot(ANDROID));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                body("malformed JSON", "the body is not JSON", f -> "{\"message\":".getBytes(StandardCharsets.UTF_8)),
                body("no message", "field `message`: missing", f -> "{\"subscription\":\"projects/p/subscriptions/s\"}".getBytes(StandardCharsets.UTF_8)),
                body("no messageId", "field `message.messageId`: missing", f -> {
                    ObjectNode b = json("crashlytics-velocity.json");
                    ((ObjectNode) b.get("message")).remove(List.of("messageId", "message_id"));
                    return bytes(b);
                }),
                body("data that is not base64", "field `message.data`: `%%%` is not base64", f -> {
                    ObjectNode b = json("crashlytics-velocity.json");
                    ((ObjectNode) b.get("message")).put("data", "%%%");
                    return bytes(b);
                }),
                body("data that is not an alert", "field `message.data`: the decoded message.data is not JSON", f -> {
                    ObjectNode b = json("crashlytics-velocity.json");
                    ((ObjectNode) b.get("message")).put("data", Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)));
                    return bytes(b);
                }),
                body("an alert of no known type", "is no Crashlytics alert", f -> withData(d -> ((ObjectNode) d.get("payload"))
                        .put("@type", "type.googleapis.com/google.events.firebase.firebasealerts.v1.BillingPlanUpdatePayload"), null)),
                body("an appVersion that is no version", "field `message.data→payload.issue.appVersion`: `` DROP TABLE` is not a version",
                        f -> withAlert(a -> a.put("appVersion", "` DROP TABLE"))));
    }

    private static Arguments body(String rule, String says, Function<IngressFixture, byte[]> body) {
        return Arguments.of(rule, says, body);
    }

    @ParameterizedTest(name = "{0}: 400")
    @MethodSource("badBodies")
    void aGenuinePushWithABadBody_is400_namingTheField_andChangesNothing(String rule, String says, Function<IngressFixture, byte[]> body) {
        IngressFixture.Snapshot before = f.snapshot(ANDROID);

        WebhookResponse r = f.send(crashlytics(body.apply(f), token(), BY_APP));

        assertEquals(400, r.status(), r.message());
        assertTrue(r.message().contains(says), r.message());
        assertEquals(before, f.snapshot(ANDROID));
    }

    @Test
    void aPushOver256KiB_is413_unread() {
        byte[] big = new byte[IngressConfig.MAX_BODY_BYTES + 1];
        IngressFixture.Snapshot before = f.snapshot(ANDROID);

        WebhookResponse r = f.send(crashlytics(big, token(), BY_APP));

        assertEquals(413, r.status(), r.message());
        assertEquals(before, f.snapshot(ANDROID));
    }

    /** The sample with its issue changed. */
    private static byte[] withAlert(UnaryOperator<ObjectNode> issue) {
        return withData(d -> issue.apply((ObjectNode) d.at("/payload/issue")), "crashlytics.velocity");
    }

    /** The sample with its decoded data changed (and the alerttype attribute set, or removed when null). */
    private static byte[] withData(Consumer<ObjectNode> change, String alerttype) {
        ObjectNode body = json("crashlytics-velocity.json");
        ObjectNode message = (ObjectNode) body.get("message");
        ObjectNode data = (ObjectNode) read(Base64.getDecoder().decode(message.get("data").asText()));
        change.accept(data);
        message.put("data", Base64.getEncoder().encodeToString(bytes(data)));
        if (alerttype == null) {
            ((ObjectNode) message.get("attributes")).remove("alerttype");
        } else {
            ((ObjectNode) message.get("attributes")).put("alerttype", alerttype);
        }
        return bytes(body);
    }
}
