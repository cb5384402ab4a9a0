package dev.ringmaster.adapters.statuspage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.notify.SampleMessages;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Severity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatuspageNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "9a7d3c1e-5b2f-4e8a-b6c4-d0f1e2a3b4c5";
    private static final String PAGE = "kctbh9vrtdwd";
    private static final String PAGE_PATH = "/v1/pages/" + PAGE;
    private static final String UNRESOLVED = PAGE_PATH + "/incidents/unresolved";
    private static final String OURS = "[ringmaster android-2-1-0] com.example.vpn 2.1.0: halted in ring-3";
    private static final Http.Policy FAST = new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

    /** A clock that only moves when the notifier sleeps, so the pacing is what the sleeps say. */
    private static final class SleepingClock extends Clock {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        final List<Duration> slept = new ArrayList<>();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void sleep(Duration d) {
            slept.add(d);
            now = now.plus(d);
        }
    }

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final SleepingClock clock = new SleepingClock();
    private final StatuspageNotifier notifier;

    StatuspageNotifierTest() {
        server.start();
        notifier = new StatuspageNotifier(new LocalSecrets(Map.of("STATUSPAGE_KEY", KEY), null),
                new Http(Http.client(), FAST, "Statuspage"), URI.create("http://127.0.0.1:" + server.port() + "/v1"), clock, clock::sleep);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static NotifyRule rule(String url) {
        return new NotifyRule("statuspage", url, List.of(), Severity.INFO, List.of(), "env:STATUSPAGE_KEY", null, PAGE,
                List.of("8kbf7d35c070", "vtnh60py4yd7"), null);
    }

    private static final NotifyRule RULE = rule(null);

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** An incident as the Statuspage API returns it (trimmed of the update history). */
    private static String incident(String id, String name, String status, String impact) {
        return """
                {"id":"%s","components":[{"id":"8kbf7d35c070","page_id":"kctbh9vrtdwd","group_id":null,"created_at":"2026-04-01T09:00:00.000Z",\
                "updated_at":"2026-05-01T09:55:00.000Z","group":false,"name":"VPN app","description":null,"position":1,\
                "status":"degraded_performance","showcase":true,"only_show_if_degraded":false,"start_date":"2026-04-01"}],\
                "created_at":"2026-05-01T09:55:00.000Z","impact":"%s","impact_override":null,"incident_updates":[{"id":"xmdh2yq0f7lp",\
                "incident_id":"%s","body":"halt rule crash_rate FAIL","created_at":"2026-05-01T09:55:00.000Z","display_at":"2026-05-01T09:55:00.000Z",\
                "status":"%s","deliver_notifications":true,"updated_at":"2026-05-01T09:55:00.000Z"}],"metadata":{},"monitoring_at":null,\
                "name":"%s","page_id":"kctbh9vrtdwd","postmortem_body":null,"resolved_at":null,"scheduled_for":null,"scheduled_until":null,\
                "shortlink":"http://stspg.io/%s","status":"%s","updated_at":"2026-05-01T09:55:00.000Z"}"""
                .formatted(id, impact, id, status, name, id, status);
    }

    private JsonNode incidentSent(LoggedRequest r) throws Exception {
        assertEquals("OAuth " + KEY, r.getHeader("Authorization"));
        return JSON.readTree(r.getBodyAsString()).path("incident");
    }

    private void unresolved(String... incidents) {
        server.stubFor(get(UNRESOLVED).willReturn(json(200, "[" + String.join(",", incidents) + "]")));
    }

    @Test
    void customersAffected_withNothingOpen_createsTheRolloutsIncident_identifiedMajorPartialOutage() throws Exception {
        unresolved();
        server.stubFor(post(PAGE_PATH + "/incidents").willReturn(json(201, incident("p31zjtct2jer", OURS, "identified", "major"))));

        notifier.send(RULE, SampleMessages.of(NotifyEvent.CUSTOMERS_AFFECTED, "ring-3 (10% of production) got 2.1.0 before it was rolled back"));

        server.verify(1, getRequestedFor(urlEqualTo(UNRESOLVED)).withHeader("Authorization", equalTo("OAuth " + KEY)));
        JsonNode sent = incidentSent(server.findAll(postRequestedFor(urlEqualTo(PAGE_PATH + "/incidents"))).get(0));
        assertEquals(JSON.readTree("""
                {"name":"[ringmaster android-2-1-0] com.example.vpn 2.1.0: customers-affected in ring-3","status":"identified",
                 "impact_override":"major","body":"ring-3 (10% of production) got 2.1.0 before it was rolled back",
                 "component_ids":["8kbf7d35c070","vtnh60py4yd7"],
                 "components":{"8kbf7d35c070":"partial_outage","vtnh60py4yd7":"partial_outage"},"deliver_notifications":true}"""), sent);
    }

    @Test
    void halted_withTheRolloutsIncidentOpen_updatesIt_andLeavesOtherIncidentsAlone() throws Exception {
        unresolved(incident("zz0other0001", "Payments API: elevated errors", "investigating", "minor"),
                incident("p31zjtct2jer", OURS, "monitoring", "none"));
        server.stubFor(patch(urlEqualTo(PAGE_PATH + "/incidents/p31zjtct2jer")).willReturn(json(200, incident("p31zjtct2jer", OURS, "identified", "major"))));

        notifier.send(RULE, SampleMessages.halted());

        server.verify(0, postRequestedFor(anyUrl()));
        JsonNode sent = incidentSent(server.findAll(patchRequestedFor(urlEqualTo(PAGE_PATH + "/incidents/p31zjtct2jer"))).get(0));
        assertEquals("identified", sent.path("status").asText());
        assertEquals("major", sent.path("impact_override").asText());
        assertEquals("degraded_performance", sent.path("components").path("8kbf7d35c070").asText());
        assertEquals(String.join("\n", SampleMessages.HALT_REASONS), sent.path("body").asText());
        assertEquals(OURS, sent.path("name").asText());
    }

    @Test
    void anotherRolloutWhoseIdStartsWithOurs_isNotOurIncident() {
        unresolved(incident("h0tf1x000001", "[ringmaster android-2-1-0-hotfix] com.example.vpn 2.1.1: halted in ring-3", "identified", "major"));
        server.stubFor(post(PAGE_PATH + "/incidents").willReturn(json(201, incident("p31zjtct2jer", OURS, "identified", "major"))));

        notifier.send(RULE, SampleMessages.halted());

        server.verify(1, postRequestedFor(urlEqualTo(PAGE_PATH + "/incidents")));
        server.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void started_withNothingOpen_createsAMonitoringIncident_withNoImpact() throws Exception {
        unresolved();
        server.stubFor(post(PAGE_PATH + "/incidents").willReturn(json(201, incident("p31zjtct2jer", OURS, "monitoring", "none"))));

        notifier.send(RULE, SampleMessages.of(NotifyEvent.STARTED, "2.1.0 is reaching 10% of users"));

        JsonNode sent = incidentSent(server.findAll(postRequestedFor(urlEqualTo(PAGE_PATH + "/incidents"))).get(0));
        assertEquals("monitoring", sent.path("status").asText());
        assertEquals("none", sent.path("impact_override").asText());
        assertEquals("operational", sent.path("components").path("vtnh60py4yd7").asText());
    }

    @Test
    void advanced_whileAProblemIsOpen_neverDowngradesIt() throws Exception {
        unresolved(incident("p31zjtct2jer", OURS, "identified", "major"));
        server.stubFor(patch(urlEqualTo(PAGE_PATH + "/incidents/p31zjtct2jer")).willReturn(json(200, incident("p31zjtct2jer", OURS, "identified", "major"))));

        notifier.send(RULE, SampleMessages.of(NotifyEvent.ADVANCED, "now at 50%"));

        JsonNode sent = incidentSent(server.findAll(patchRequestedFor(urlEqualTo(PAGE_PATH + "/incidents/p31zjtct2jer"))).get(0));
        assertEquals("identified", sent.path("status").asText());
        assertFalse(sent.has("impact_override"), sent.toString());
        assertFalse(sent.has("components"), sent.toString());
        assertEquals("now at 50%", sent.path("body").asText());
    }

    @Test
    void completed_resolvesTheOpenIncident_andMarksComponentsOperational() throws Exception {
        unresolved(incident("p31zjtct2jer", OURS, "identified", "major"));
        server.stubFor(patch(urlEqualTo(PAGE_PATH + "/incidents/p31zjtct2jer")).willReturn(json(200, incident("p31zjtct2jer", OURS, "resolved", "major"))));

        notifier.send(RULE, SampleMessages.of(NotifyEvent.COMPLETED, "2.1.0 reached everyone"));

        JsonNode sent = incidentSent(server.findAll(patchRequestedFor(urlEqualTo(PAGE_PATH + "/incidents/p31zjtct2jer"))).get(0));
        assertEquals("resolved", sent.path("status").asText());
        assertFalse(sent.has("impact_override"), "the incident keeps the impact it had");
        assertEquals("operational", sent.path("components").path("8kbf7d35c070").asText());
        assertEquals("operational", sent.path("components").path("vtnh60py4yd7").asText());
    }

    @Test
    void completed_withNothingOpen_postsNothing() {
        unresolved(incident("zz0other0001", "Payments API: elevated errors", "investigating", "minor"));

        notifier.send(RULE, SampleMessages.of(NotifyEvent.COMPLETED, "2.1.0 reached everyone"));

        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void ruleWithoutComponents_sendsNoComponentKeys() throws Exception {
        unresolved();
        server.stubFor(post(PAGE_PATH + "/incidents").willReturn(json(201, incident("p31zjtct2jer", OURS, "identified", "major"))));
        NotifyRule bare = new NotifyRule("statuspage", null, List.of(), Severity.INFO, List.of(), "env:STATUSPAGE_KEY", null, PAGE, List.of(), null);

        notifier.send(bare, SampleMessages.halted());

        JsonNode sent = incidentSent(server.findAll(postRequestedFor(urlEqualTo(PAGE_PATH + "/incidents"))).get(0));
        assertFalse(sent.has("components") || sent.has("component_ids"), sent.toString());
    }

    @Test
    void wrongKey_fails_namingTheAnswer_neverTheKey() {
        server.stubFor(get(UNRESOLVED).willReturn(json(401, "{\"error\":\"Could not authenticate\"}")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(RULE, SampleMessages.halted()));

        assertEquals("Statuspage list unresolved incidents on page kctbh9vrtdwd (halted of android-2-1-0) failed: HTTP 401: "
                + "{\"error\":\"Could not authenticate\"}", e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void validationError_onCreate_failsNamingStatusAndText() {
        unresolved();
        server.stubFor(post(PAGE_PATH + "/incidents").willReturn(json(422,
                "{\"error\":[\"Components must belong to this page: 8kbf7d35c070\"]}")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(RULE, SampleMessages.halted()));

        assertEquals("Statuspage create incident on page kctbh9vrtdwd (halted of android-2-1-0) failed: HTTP 422: "
                + "{\"error\":[\"Components must belong to this page: 8kbf7d35c070\"]}", e.getMessage());
        server.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void rateLimited420_thenOk_waitsAndSendsAgain() {
        server.stubFor(get(UNRESOLVED).inScenario("calm").whenScenarioStateIs(STARTED).willSetStateTo("calm")
                .willReturn(json(420, "{\"error\":\"Enhance your calm\"}")));
        server.stubFor(get(UNRESOLVED).inScenario("calm").whenScenarioStateIs("calm").willReturn(json(200, "[]")));
        server.stubFor(post(PAGE_PATH + "/incidents").willReturn(json(201, incident("p31zjtct2jer", OURS, "identified", "major"))));

        notifier.send(RULE, SampleMessages.halted());

        server.verify(2, getRequestedFor(urlEqualTo(UNRESOLVED)));
        server.verify(1, postRequestedFor(urlEqualTo(PAGE_PATH + "/incidents")));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), clock.slept,
                "1 s backoff after the 420, then each next call a second after the one before");
    }

    @Test
    void rateLimited420_withRetryAfter_waitsThatLong() {
        server.stubFor(get(UNRESOLVED).inScenario("calm").whenScenarioStateIs(STARTED).willSetStateTo("calm")
                .willReturn(json(420, "{\"error\":\"Enhance your calm\"}").withHeader("Retry-After", "3")));
        server.stubFor(get(UNRESOLVED).inScenario("calm").whenScenarioStateIs("calm").willReturn(json(200, "[]")));

        notifier.send(RULE, SampleMessages.of(NotifyEvent.COMPLETED, "done"));

        assertEquals(List.of(Duration.ofSeconds(3)), clock.slept, "the asked-for wait covers the one-second spacing too");
    }

    @Test
    void rateLimited420_everyTime_failsAfterFourAttempts() {
        server.stubFor(get(UNRESOLVED).willReturn(json(420, "{\"error\":\"Enhance your calm\"}")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(RULE, SampleMessages.halted()));

        assertTrue(e.getMessage().endsWith("failed: HTTP 420 (rate limited): {\"error\":\"Enhance your calm\"}"), e.getMessage());
        server.verify(4, getRequestedFor(urlEqualTo(UNRESOLVED)));
    }

    @Test
    void tooManyRequests429_thenOk_isRetriedByHttp() {
        server.stubFor(get(UNRESOLVED).inScenario("429").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(json(429, "{\"error\":\"rate limited\"}")));
        server.stubFor(get(UNRESOLVED).inScenario("429").whenScenarioStateIs("ok").willReturn(json(200, "[]")));
        server.stubFor(post(PAGE_PATH + "/incidents").willReturn(json(201, incident("p31zjtct2jer", OURS, "identified", "major"))));

        notifier.send(RULE, SampleMessages.halted());

        server.verify(2, getRequestedFor(urlEqualTo(UNRESOLVED)));
        server.verify(1, postRequestedFor(urlEqualTo(PAGE_PATH + "/incidents")));
    }

    @Test
    void serverErrors_everyTime_failWithHttpsGivingUp() {
        server.stubFor(get(UNRESOLVED).willReturn(json(503, "{\"error\":\"Service Unavailable\"}")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(RULE, SampleMessages.halted()));

        assertTrue(e.getMessage().startsWith("Statuspage list unresolved incidents on page kctbh9vrtdwd (halted of android-2-1-0) failed: "
                + "Statuspage answered 503 to GET " + UNRESOLVED), e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void listThatIsNotAList_fails_sayingSo() {
        server.stubFor(get(UNRESOLVED).willReturn(json(200, "{\"incidents\":[]}")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(RULE, SampleMessages.halted()));

        assertTrue(e.getMessage().endsWith("failed: an answer that is not a list of incidents: {\"incidents\":[]}"), e.getMessage());
        server.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void rulesUrl_replacesTheApiBase() {
        server.stubFor(get("/statuspage-proxy/v1/pages/" + PAGE + "/incidents/unresolved").willReturn(json(200, "[]")));
        server.stubFor(post("/statuspage-proxy/v1/pages/" + PAGE + "/incidents").willReturn(json(201, incident("p31zjtct2jer", OURS, "identified", "major"))));

        notifier.send(rule("http://127.0.0.1:" + server.port() + "/statuspage-proxy/v1/"), SampleMessages.halted());

        server.verify(1, postRequestedFor(urlEqualTo("/statuspage-proxy/v1/pages/" + PAGE + "/incidents")));
        server.verify(0, getRequestedFor(urlEqualTo(UNRESOLVED)));
    }

    @Test
    void callsWithOneKey_areASecondApart_acrossSends() {
        unresolved();
        server.stubFor(post(PAGE_PATH + "/incidents").willReturn(json(201, incident("p31zjtct2jer", OURS, "identified", "major"))));

        notifier.send(RULE, SampleMessages.halted());
        clock.now = clock.now.plusMillis(400);
        notifier.send(RULE, SampleMessages.of(NotifyEvent.KILLED, "kill switch off"));

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(600), Duration.ofSeconds(1)), clock.slept);
    }

    @Test
    void ruleWithoutPageOrToken_isRefusedBeforeAnyCall() {
        NotifyRule noPage = new NotifyRule("statuspage", null, List.of(), Severity.INFO, List.of(), "env:STATUSPAGE_KEY", null, null, List.of(), null);
        NotifyRule noToken = new NotifyRule("statuspage", null, List.of(), Severity.INFO, List.of(), null, null, PAGE, List.of(), null);
        NotifyRule badComponent = new NotifyRule("statuspage", null, List.of(), Severity.INFO, List.of(), "env:STATUSPAGE_KEY", null, PAGE,
                List.of("../incidents"), null);

        assertEquals("statuspage rule: page is missing",
                assertThrows(IllegalArgumentException.class, () -> notifier.send(noPage, SampleMessages.halted())).getMessage());
        assertEquals("statuspage rule for page kctbh9vrtdwd has no 'token': a reference to the API key",
                assertThrows(IllegalArgumentException.class, () -> notifier.send(noToken, SampleMessages.halted())).getMessage());
        assertEquals("statuspage rule for page kctbh9vrtdwd: component '../incidents' is not a component id",
                assertThrows(IllegalArgumentException.class, () -> notifier.send(badComponent, SampleMessages.halted())).getMessage());
        server.verify(0, anyRequestedFor(anyUrl()));
    }
}
