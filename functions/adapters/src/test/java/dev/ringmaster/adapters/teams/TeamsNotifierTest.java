package dev.ringmaster.adapters.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.adapters.slack.SeedMessages;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.port.Notifier.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What reaches a Teams Workflows webhook, and what a user reads when the flow says no. */
class TeamsNotifierTest {
    private static final String FLOW = "/workflows/5c1f0d7e2a9b4c3d8e6f1a2b3c4d5e6f/triggers/manual/paths/invoke";
    private static final String SIG = "Xk3vQ9mZ2pL7wR4tY8nB1cF6hJ0sD5gA";
    private static final Message HALTED = SeedMessages.all().get("halted");
    private static final NotifyRule RULE = new NotifyRule("teams", "env:TEAMS_RELEASES", List.of());

    private final WireMockServer flow = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final TeamsNotifier notifier;

    TeamsNotifierTest() {
        flow.start();
        String url = "http://127.0.0.1:" + flow.port() + FLOW + "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + SIG;
        notifier = new TeamsNotifier(new LocalSecrets(Map.of("TEAMS_RELEASES", url), null),
                new Http(Http.client(), new Http.Policy(3, Duration.ofMillis(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), "teams"));
    }

    @AfterEach
    void stop() {
        flow.stop();
    }

    private void flowAnswers(int status, String body) {
        flow.stubFor(post(urlPathEqualTo(FLOW)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"202", "200"})
    void aFlowAccepting_getsTheCardEnvelope_withItsKey(int status) throws Exception {
        flowAnswers(status, "");

        notifier.send(RULE, HALTED);

        LoggedRequest sent = flow.findAll(postRequestedFor(urlPathEqualTo(FLOW))).get(0);
        assertEquals(SIG, sent.queryParameter("sig").firstValue());
        assertTrue("application/json; charset=utf-8".equalsIgnoreCase(sent.getHeader("Content-Type")), sent.getHeader("Content-Type"));
        assertEquals(TeamsCards.render(HALTED), new ObjectMapper().readTree(sent.getBodyAsString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "400|{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"The input body for trigger 'manual' of type 'Request' must be of type JSON, but was of type 'application/octet-stream'.\"}}|InvalidRequestContent: The input body for trigger|the flow could not read the card",
            "401|{\"error\":{\"code\":\"DirectApiAuthorizationRequired\",\"message\":\"The request must be authenticated only by Shared Access scheme.\"}}|DirectApiAuthorizationRequired|fix the plan's url reference env:TEAMS_RELEASES",
            "403|{\"error\":{\"code\":\"WorkflowTriggerIsNotEnabled\",\"message\":\"Cannot start a run of workflow as it contains disabled trigger 'manual'.\"}}|WorkflowTriggerIsNotEnabled|fix the plan's url reference env:TEAMS_RELEASES",
            "404|{\"error\":{\"code\":\"WorkflowNotFound\",\"message\":\"The workflow was not found.\"}}|WorkflowNotFound|fix the plan's url reference env:TEAMS_RELEASES",
            "413|{\"error\":{\"code\":\"MessageTooLarge\",\"message\":\"The request content length exceeds the limit.\"}}|MessageTooLarge|over Teams' 28 KB"})
    void aRefusal_namesTheStatusAndTheFlowsError_withoutTheUrl(int status, String body, String error, String hint) {
        flowAnswers(status, body);

        TeamsNotifier.NotSent e = assertThrows(TeamsNotifier.NotSent.class, () -> notifier.send(RULE, HALTED));

        assertTrue(e.getMessage().startsWith("Teams workflow env:TEAMS_RELEASES refused the card: HTTP " + status + " " + error), e.getMessage());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
        assertEquals(status, e.status());
        assertTrue(e.permanent());
        assertNoSecret(e);
        assertEquals(1, flow.findAll(postRequestedFor(urlPathEqualTo(FLOW))).size(), "a refusal is not retried");
    }

    @Test
    void a429_isRetriedAfterItsRetryAfter() {
        flow.stubFor(post(urlPathEqualTo(FLOW)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"error\":{\"code\":\"WorkflowRequestsThrottled\",\"message\":\"Number of requests exceeded the limit\"}}"))
                .willSetStateTo("free"));
        flow.stubFor(post(urlPathEqualTo(FLOW)).inScenario("busy").whenScenarioStateIs("free").willReturn(aResponse().withStatus(202)));

        long start = System.nanoTime();
        notifier.send(RULE, HALTED);

        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "Retry-After: 1 was not waited");
        assertEquals(2, flow.findAll(postRequestedFor(urlPathEqualTo(FLOW))).size());
    }

    @Test
    void anOutage_throwsUnavailable_withoutTheUrl() {
        flowAnswers(503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"The server is busy.\"}}");

        TeamsNotifier.NotSent e = assertThrows(TeamsNotifier.NotSent.class, () -> notifier.send(RULE, HALTED));

        assertTrue(e.getMessage().startsWith("Teams workflow env:TEAMS_RELEASES unavailable, not sent: teams answered 503"), e.getMessage());
        assertFalse(e.permanent());
        assertEquals(0, e.status());
        assertNoSecret(e);
        assertEquals(3, flow.findAll(postRequestedFor(urlPathEqualTo(FLOW))).size());
    }

    @Test
    void aWorkflowsUrlWrittenIntoThePlan_isRefused_withoutRepeatingIt() {
        NotifyRule inline = new NotifyRule("teams", "https://prod-12.westeurope.logic.azure.com:443" + FLOW + "?sig=" + SIG, List.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notifier.send(inline, HALTED));

        assertNoSecret(e);
        assertEquals(0, flow.getAllServeEvents().size());
    }

    @Test
    void aRuleOfAnotherChannel_isNotTeams() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> notifier.send(new NotifyRule("slack", "env:TEAMS_RELEASES", List.of()), HALTED));

        assertEquals("TeamsNotifier sends teams rules, not 'slack'", e.getMessage());
    }

    private static void assertNoSecret(Exception e) {
        for (String secret : List.of(SIG, FLOW, "5c1f0d7e2a9b4c3d8e6f1a2b3c4d5e6f")) {
            assertFalse(e.getMessage().contains(secret), "the exception shows a secret: " + e.getMessage());
        }
    }
}
