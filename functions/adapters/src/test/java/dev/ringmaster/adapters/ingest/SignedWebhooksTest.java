package dev.ringmaster.adapters.ingest;

import static dev.ringmaster.adapters.ingest.IngressFixture.CANARY_DIFF_SECRET;
import static dev.ringmaster.adapters.ingest.IngressFixture.GENERIC_SECRET;
import static dev.ringmaster.adapters.ingest.IngressFixture.NOW;
import static dev.ringmaster.adapters.ingest.IngressFixture.WEB;
import static dev.ringmaster.adapters.ingest.IngressFixture.bytes;
import static dev.ringmaster.adapters.ingest.IngressFixture.json;
import static dev.ringmaster.adapters.ingest.IngressFixture.sample;
import static dev.ringmaster.adapters.ingest.IngressFixture.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.webhook.WebhookSignature;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The two webhooks signed with {@code Ringmaster-Signature} (canary-diff and generic), on seed 004's canary rollout. */
class SignedWebhooksTest {
    private static final byte[] SEV1 = sample("generic-sev1.json");
    private static final byte[] CANARY_DIFF = sample("canary-diff.json");

    private IngressFixture f;

    @BeforeEach
    void start() {
        f = new IngressFixture();
        f.running("004-canary-cohorts.yaml");
    }

    private static byte[] generic(Consumer<ObjectNode> change) {
        ObjectNode body = json("generic-sev1.json");
        change.accept(body);
        return bytes(body);
    }

    private static byte[] canaryDiff(Consumer<ObjectNode> change) {
        ObjectNode body = json("canary-diff.json");
        change.accept(body);
        return bytes(body);
    }

    @Test
    void aSev1Report_isRecordedForTheSev1Gate_withoutStoppingTheRollout() {
        WebhookResponse r = f.send(signed("generic", SEV1, GENERIC_SECRET, NOW));

        assertEquals(200, r.status(), r.message());
        HistoryEntry signal = f.signals(WEB).get(0);
        assertEquals("webhook generic sev1 APPROVALS-4411 - 1", signal.what());
        assertTrue(signal.reasons().contains("Sev 1: approvals stuck in review for EU tenants since 2.1.0"), signal.reasons().toString());
        assertEquals(RolloutState.RUNNING, f.rollout(WEB).state(), "a generic event acts only through a metric the plan halts on");
    }

    @Test
    void aCriticalGenericEventOnAHaltRulesMetric_haltsTheRollout() {
        byte[] body = generic(b -> b.put("id", "SEC-88.created").put("kind", "security-alert").put("metric", "security_alerts"));

        WebhookResponse r = f.send(signed("generic", body, GENERIC_SECRET, NOW));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.HALTED, f.rollout(WEB).state());
    }

    @Test
    void aCheckResult_isRecordedAsPassOrFail() {
        byte[] body = generic(b -> b.put("id", "ci-991").put("kind", "smoke").put("result", "fail").remove("count"));

        assertEquals(200, f.send(signed("generic", body, GENERIC_SECRET, NOW)).status());

        assertEquals("webhook generic smoke APPROVALS-4411 - fail", f.signals(WEB).get(0).what());
    }

    @Test
    void theEventIdMayComeInTheHeader() {
        byte[] body = generic(b -> b.remove("id"));
        Map<String, String> headers = new HashMap<>(signed("generic", body, GENERIC_SECRET, NOW).headers());
        headers.put(WebhookSignature.EVENT_ID_HEADER, "APPROVALS-4411.created");

        WebhookResponse r = f.send(new WebhookRequest("generic", headers, body, Map.of()));

        assertEquals(200, r.status(), r.message());
        assertTrue(f.signals(WEB).get(0).reasons().contains("event generic APPROVALS-4411.created"));
    }

    @Test
    void aCanaryDiffRun_isRecordedWithItsMismatches() {
        WebhookResponse r = f.send(signed("canary-diff", CANARY_DIFF, CANARY_DIFF_SECRET, NOW));

        assertEquals(200, r.status(), r.message());
        HistoryEntry signal = f.signals(WEB).get(0);
        assertEquals("webhook canary-diff canary-diff run-0412 - 3", signal.what());
        assertTrue(signal.reasons().contains("3 of 1000 responses differed (2.1.0)"), signal.reasons().toString());
    }

    @Test
    void aCanaryDiffRunNamedByTheDocumentsRolloutId_findsTheRollout() {
        byte[] body = canaryDiff(b -> {
            b.remove("rollout");
            b.put("rolloutId", WEB);
        });

        assertEquals(200, f.send(signed("canary-diff", body, CANARY_DIFF_SECRET, NOW)).status());
        assertEquals(1, f.signals(WEB).size());
    }

    @Test
    void aSignatureWithinFiveMinutes_eitherWay_isAccepted() {
        assertEquals(200, f.send(signed("generic", SEV1, GENERIC_SECRET, NOW.minus(Duration.ofSeconds(299)))).status());
        byte[] other = generic(b -> b.put("id", "APPROVALS-4412.created"));
        assertEquals(200, f.send(signed("generic", other, GENERIC_SECRET, NOW.plus(Duration.ofSeconds(299)))).status());
    }

    static Stream<Arguments> refusals() {
        Map<String, String> secrets = Map.of("generic", GENERIC_SECRET, "canary-diff", CANARY_DIFF_SECRET);
        Stream.Builder<Arguments> out = Stream.builder();
        for (String kind : secrets.keySet()) {
            String secret = secrets.get(kind);
            byte[] genuine = kind.equals("generic") ? SEV1 : CANARY_DIFF;
            out.add(refusal(kind, "forged: signed with another secret", 401, "does not match the body",
                    f -> signed(kind, genuine, "another-secret", NOW)));
            out.add(refusal(kind, "signed with the other kind's secret", 401, "does not match the body",
                    f -> signed(kind, genuine, kind.equals("generic") ? CANARY_DIFF_SECRET : GENERIC_SECRET, NOW)));
            out.add(refusal(kind, "no Ringmaster-Signature", 401, "missing Ringmaster-Signature header",
                    f -> new WebhookRequest(kind, Map.of(), genuine, Map.of())));
            out.add(refusal(kind, "a signature without its timestamp", 401, "has no t=",
                    f -> new WebhookRequest(kind, Map.of("Ringmaster-Signature", "v1=" + WebhookSignature.v1(genuine, secret, NOW.getEpochSecond())),
                            genuine, Map.of())));
            out.add(refusal(kind, "signed six minutes ago (expired)", 401, "was made 360 s ago",
                    f -> signed(kind, genuine, secret, NOW.minus(Duration.ofMinutes(6)))));
            out.add(refusal(kind, "signed six minutes ahead", 401, "was made 360 s in the future",
                    f -> signed(kind, genuine, secret, NOW.plus(Duration.ofMinutes(6)))));
            out.add(refusal(kind, "the body changed after signing", 401, "does not match the body",
                    f -> withSignatureOf(kind, genuine, new String(genuine, StandardCharsets.UTF_8).replace("1", "2").getBytes(StandardCharsets.UTF_8))));
            out.add(refusal(kind, "a body over 256 KiB", 413, "over the limit",
                    f -> signed(kind, new byte[256 * 1024 + 1], secret, NOW)));
            out.add(refusal(kind, "malformed JSON", 400, "the body is not JSON",
                    f -> signed(kind, "{\"id\":\"x\",}".getBytes(StandardCharsets.UTF_8), secret, NOW)));
            out.add(refusal(kind, "a JSON list, not an object", 400, "the body is a list, not a JSON object",
                    f -> signed(kind, "[1,2]".getBytes(StandardCharsets.UTF_8), secret, NOW)));
            out.add(refusal(kind, "no event id in body or header", 400, "no event id",
                    f -> signed(kind, kind.equals("generic") ? generic(b -> b.remove("id")) : canaryDiff(b -> b.remove("id")), secret, NOW)));
            out.add(refusal(kind, "a replay of an applied event", 409, "replay: event",
                    f -> {
                        assertEquals(200, f.send(signed(kind, genuine, secret, NOW.minusSeconds(60))).status());
                        return signed(kind, genuine, secret, NOW);
                    }));
        }
        out.add(refusal("generic", "no kind", 400, "field `kind`: missing", f -> signed("generic", generic(b -> b.remove("kind")), GENERIC_SECRET, NOW)));
        out.add(refusal("generic", "a negative count", 400, "field `count`: `-2` must be between 0 and 1000000",
                f -> signed("generic", generic(b -> b.put("count", -2)), GENERIC_SECRET, NOW)));
        out.add(refusal("generic", "a severity of its own", 400, "field `severity`: `sev1` is not critical, warning or info",
                f -> signed("generic", generic(b -> b.put("severity", "sev1")), GENERIC_SECRET, NOW)));
        out.add(refusal("generic", "a result other than pass or fail", 400, "field `result`: `ok` is not pass or fail",
                f -> signed("generic", generic(b -> b.put("result", "ok")), GENERIC_SECRET, NOW)));
        out.add(refusal("generic", "firing as a text", 400, "field `firing`: `yes` is not true or false",
                f -> signed("generic", generic(b -> b.put("firing", "yes")), GENERIC_SECRET, NOW)));
        out.add(refusal("generic", "header and body ids that differ", 400, "differ",
                f -> {
                    Map<String, String> h = new HashMap<>(signed("generic", SEV1, GENERIC_SECRET, NOW).headers());
                    h.put(WebhookSignature.EVENT_ID_HEADER, "APPROVALS-9999.created");
                    return new WebhookRequest("generic", h, SEV1, Map.of());
                }));
        out.add(refusal("canary-diff", "more mismatches than samples", 400, "field `mismatches`: `1200` is more than its samples 1000",
                f -> signed("canary-diff", canaryDiff(b -> b.put("mismatches", 1200)), CANARY_DIFF_SECRET, NOW)));
        out.add(refusal("canary-diff", "a fraction of a sample", 400, "field `samples`: `999.5` must be a whole number ≥ 0",
                f -> signed("canary-diff", canaryDiff(b -> b.put("samples", 999.5)), CANARY_DIFF_SECRET, NOW)));
        out.add(refusal("canary-diff", "no mismatches", 400, "field `mismatches`: missing",
                f -> signed("canary-diff", canaryDiff(b -> b.remove("mismatches")), CANARY_DIFF_SECRET, NOW)));
        out.add(refusal("canary-diff", "a run time that is no time", 400, "field `at`: `yesterday` is not an ISO-8601 UTC time",
                f -> signed("canary-diff", canaryDiff(b -> b.put("at", "yesterday")), CANARY_DIFF_SECRET, NOW)));
        return out.build();
    }

    private static Arguments refusal(String kind, String rule, int status, String says, Function<IngressFixture, WebhookRequest> request) {
        return Arguments.of(kind, rule, status, says, request);
    }

    private static WebhookRequest withSignatureOf(String kind, byte[] signedBody, byte[] sent) {
        String secret = kind.equals("generic") ? GENERIC_SECRET : CANARY_DIFF_SECRET;
        return new WebhookRequest(kind, Map.of(WebhookSignature.HEADER, WebhookSignature.header(signedBody, secret, NOW)), sent, Map.of());
    }

    @ParameterizedTest(name = "{0}, {1}: {2}")
    @MethodSource("refusals")
    void aRefusedDelivery_getsItsStatusAndReason_andChangesNothing(String kind, String rule, int status, String says,
                                                                  Function<IngressFixture, WebhookRequest> request) {
        WebhookRequest req = request.apply(f);
        IngressFixture.Snapshot before = f.snapshot(WEB);

        WebhookResponse r = f.send(req);

        assertEquals(status, r.status(), r.message());
        assertTrue(r.message().contains(says), r.message());
        for (String secret : IngressFixture.SECRETS) {
            assertTrue(!r.message().contains(secret), "never echoes a secret");
        }
        assertEquals(before, f.snapshot(WEB), "nothing recorded, nothing changed");
    }
}
