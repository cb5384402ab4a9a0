package dev.ringmaster.adapters.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.notify.MessageText;
import dev.ringmaster.adapters.notify.SampleMessages;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Notifier.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedWebhookNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec_9fK2mQ7xLr4Tz8Vb";
    private static final String SECRET_PATH = "/hooks/T0001/B0002/pathTokenXyz";
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final Http.Policy FAST = new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final LocalSecrets secrets;
    private final SignedWebhookNotifier notifier;

    SignedWebhookNotifierTest() {
        server.start();
        secrets = new LocalSecrets(Map.of("HOOK_SECRET", SECRET, "HOOK_URL", base() + SECRET_PATH), null);
        notifier = notifierAt(NOW);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private SignedWebhookNotifier notifierAt(Instant now) {
        return new SignedWebhookNotifier(secrets, new Http(Http.client(), FAST, "webhook"), Clock.fixed(now, ZoneOffset.UTC));
    }

    private NotifyRule rule(String url) {
        return new NotifyRule("webhook", url, List.of(), Severity.INFO, List.of(), null, "env:HOOK_SECRET", null, List.of(), null);
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlEqualTo("/ringmaster")));
        assertEquals(1, all.size(), "one POST");
        return all.get(0);
    }

    @Test
    void message_isPostedAsJson_signedSoTheReceiverCanVerifyIt() throws Exception {
        server.stubFor(post("/ringmaster").willReturn(aResponse().withStatus(200).withBody("ok")));

        notifier.send(rule(base() + "/ringmaster"), SampleMessages.halted());

        LoggedRequest request = onlyRequest();
        assertEquals("application/json; charset=utf-8", request.getHeader("Content-Type").toLowerCase(java.util.Locale.ROOT));
        String signature = request.getHeader(WebhookSignature.HEADER);
        assertTrue(signature.startsWith("t=" + NOW.getEpochSecond() + ",v1="), signature);
        assertTrue(WebhookSignature.verify(request.getBody(), signature, SECRET, NOW.plusSeconds(3), WebhookSignature.DEFAULT_TOLERANCE),
                "the receiver's check passes on the raw body as received");
        assertFalse(WebhookSignature.verify(request.getBody(), signature, "whsec_wrong", NOW, WebhookSignature.DEFAULT_TOLERANCE));
        JsonNode body = JSON.readTree(request.getBody());
        assertEquals(body.path("id").asText(), request.getHeader(WebhookSignature.EVENT_ID_HEADER));
    }

    @Test
    void body_hasTheDocumentedSchema_everyKeyInOrder() throws Exception {
        server.stubFor(post("/ringmaster").willReturn(aResponse().withStatus(204)));

        notifier.send(rule(base() + "/ringmaster"), SampleMessages.halted());

        JsonNode body = JSON.readTree(onlyRequest().getBody());
        List<String> keys = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("id", "rolloutId", "event", "severity", "title", "text", "app", "version", "phase", "audience", "state",
                "verdicts", "reasons", "next", "commands", "plain", "sentAt"), keys);
        assertTrue(body.path("id").asText().matches("android-2-1-0\\.halted\\.[0-9a-f]{16}"), body.path("id").asText());
        assertEquals("halted", body.path("event").asText());
        assertEquals("critical", body.path("severity").asText());
        assertEquals("com.example.vpn", body.path("app").asText());
        assertEquals("2.1.0", body.path("version").asText());
        assertEquals("ring-3", body.path("phase").asText());
        assertEquals("10%", body.path("audience").asText());
        assertEquals("HALTED", body.path("state").asText());
        assertEquals("gate crash_rate ≤ 0.005: FAIL 0.0081 (41/5062)", body.path("verdicts").path(0).asText());
        assertEquals(SampleMessages.HALT_REASONS.get(0), body.path("reasons").path(0).asText());
        assertTrue(body.path("next").asText().startsWith("Stopped at 10%"));
        JsonNode resume = body.path("commands").path(0);
        assertEquals("Resume", resume.path("label").asText());
        assertEquals("ringmaster resume android-2-1-0 --reason \"…\"", resume.path("cli").asText());
        assertEquals("resume", JSON.readTree(resume.path("operateEvent").asText()).path("command").asText(), "operateEvent is the event's JSON text");
        assertEquals(MessageText.plain(SampleMessages.halted()), body.path("plain").asText());
        assertEquals("2026-05-01T10:00:00Z", body.path("sentAt").asText());
    }

    @Test
    void messageWithoutDetails_sendsNullsAndEmptyLists_neverMissingKeys() throws Exception {
        server.stubFor(post("/ringmaster").willReturn(aResponse().withStatus(202)));

        notifier.send(rule(base() + "/ringmaster"), SampleMessages.bare());

        JsonNode body = JSON.readTree(onlyRequest().getBody());
        for (String key : List.of("app", "version", "phase", "audience", "state", "next")) {
            assertTrue(body.has(key) && body.get(key).isNull(), key + " is null");
        }
        for (String key : List.of("verdicts", "reasons", "commands")) {
            assertTrue(body.get(key).isArray() && body.get(key).isEmpty(), key + " is []");
        }
    }

    @Test
    void id_isTheSameForTheSameMessage_atAnyTime_andDiffersWhenItsContentDoes() {
        Message halted = SampleMessages.halted();
        Message other = SampleMessages.of(NotifyEvent.HALTED, "halt rule error_rate FAIL");

        assertEquals(WebhookPayload.id(halted), WebhookPayload.id(SampleMessages.halted()));
        assertNotEquals(WebhookPayload.id(halted), WebhookPayload.id(other));
        assertNotEquals(new String(WebhookPayload.json(halted, NOW)), new String(WebhookPayload.json(halted, NOW.plusSeconds(60))),
                "sentAt changes");
        assertTrue(new String(WebhookPayload.json(halted, NOW.plusSeconds(60))).contains("\"id\":\"" + WebhookPayload.id(halted) + "\""));
    }

    @Test
    void serverErrorThenOk_isRetried_withTheSameSignedRequest() {
        server.stubFor(post("/ringmaster").inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
        server.stubFor(post("/ringmaster").inScenario("flaky").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));

        notifier.send(rule(base() + "/ringmaster"), SampleMessages.halted());

        List<LoggedRequest> all = server.findAll(postRequestedFor(urlEqualTo("/ringmaster")));
        assertEquals(2, all.size());
        assertEquals(all.get(0).getHeader(WebhookSignature.HEADER), all.get(1).getHeader(WebhookSignature.HEADER));
        assertEquals(all.get(0).getBodyAsString(), all.get(1).getBodyAsString());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource(delimiter = '|', value = {
            "400 | {\"error\":\"invalid signature\"}",
            "401 | Unauthorized",
            "404 | no such hook",
            "410 | hook deleted"})
    void clientError_failsOnce_namingTheStatusAndTheReceiversText(int status, String answer) {
        server.stubFor(post("/ringmaster").willReturn(aResponse().withStatus(status).withBody(answer)));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> notifier.send(rule(base() + "/ringmaster"), SampleMessages.halted()));

        assertEquals("webhook " + base() + "/ringmaster refused halted of android-2-1-0: HTTP " + status + ": " + answer, e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        server.verify(1, postRequestedFor(urlEqualTo("/ringmaster")));
    }

    @Test
    void referencedUrl_thatStaysBusy_failsNamingTheReference_neverItsPathOrTheSecret() {
        server.stubFor(post(SECRET_PATH).willReturn(aResponse().withStatus(429).withBody("slow down " + SECRET_PATH)));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(rule("env:HOOK_URL"), SampleMessages.halted()));

        assertTrue(e.getMessage().startsWith("webhook env:HOOK_URL not sent (halted of android-2-1-0): webhook answered 429"), e.getMessage());
        assertFalse(e.getMessage().contains("pathTokenXyz"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        server.verify(3, postRequestedFor(urlEqualTo(SECRET_PATH)));
    }

    @Test
    void referencedUrl_refusing_namesTheReference() {
        server.stubFor(post(SECRET_PATH).willReturn(aResponse().withStatus(403).withBody("forbidden")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(rule("env:HOOK_URL"), SampleMessages.halted()));

        assertEquals("webhook env:HOOK_URL refused halted of android-2-1-0: HTTP 403: forbidden", e.getMessage());
    }

    @Test
    void unreachableReceiver_failsWithoutTheReferencedPath() {
        server.stop();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(rule("env:HOOK_URL"), SampleMessages.halted()));

        assertTrue(e.getMessage().startsWith("webhook env:HOOK_URL not sent (halted of android-2-1-0): webhook unreachable"), e.getMessage());
        assertFalse(e.getMessage().contains("pathTokenXyz"), e.getMessage());
        assertEquals(null, e.getCause(), "the HTTP layer's exception names the URL");
    }

    @Test
    void ruleWithoutSecret_orWithAnUnreadableOne_isRefusedBeforeSending() {
        NotifyRule noSecret = new NotifyRule("webhook", base() + "/ringmaster", List.of());
        NotifyRule unreadable = new NotifyRule("webhook", base() + "/ringmaster", List.of(), Severity.INFO, List.of(), null, "env:NOT_SET", null,
                List.of(), null);

        assertEquals("webhook " + base() + "/ringmaster has no 'secret': a reference to the key receivers verify with",
                assertThrows(IllegalArgumentException.class, () -> notifier.send(noSecret, SampleMessages.halted())).getMessage());
        assertEquals("cannot read secret env:NOT_SET: the environment variable is not set",
                assertThrows(RuntimeException.class, () -> notifier.send(unreadable, SampleMessages.halted())).getMessage());
        assertEquals(0, server.getAllServeEvents().size());
    }
}
