package dev.ringmaster.adapters.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.adapters.MutableClock;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Notifier.Message;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What reaches Slack, and what a user reads when Slack says no, through a webhook and through chat.postMessage. */
class SlackNotifierTest {
    private static final String HOOK = "/services/T0A1B2C3D/B0E4F5G6H/q9VxA7rLmZ2pK4sW8tYbN3cF";
    private static final String HOOK_2 = "/services/T0A1B2C3D/B0J7K8L9M/Hh5Gg6Ff7Ee8Dd9Cc0Bb1Aa2";
    private static final String TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Message HALTED = SeedMessages.all().get("halted");

    private final WireMockServer slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T10:15:00Z"));
    private final List<Duration> slept = new ArrayList<>();
    private final SlackNotifier notifier;

    SlackNotifierTest() {
        slack.start();
        String base = "http://127.0.0.1:" + slack.port();
        LocalSecrets secrets = new LocalSecrets(Map.of("SLACK_RELEASES", base + HOOK, "SLACK_ONCALL", base + HOOK_2,
                "SLACK_BOT", TOKEN), null);
        notifier = new SlackNotifier(secrets, http(), clock, URI.create(base + "/api"), d -> {
            slept.add(d);
            clock.advance(d);
        });
    }

    @AfterEach
    void stop() {
        slack.stop();
    }

    private static Http http() {
        return new Http(Http.client(), new Http.Policy(3, Duration.ofMillis(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), "slack");
    }

    private static NotifyRule webhook(String reference) {
        return new NotifyRule("slack", reference, List.of(NotifyEvent.HALTED));
    }

    private static NotifyRule bot(String channel) {
        return new NotifyRule("slack", null, List.of(), Severity.INFO, List.of(channel), "env:SLACK_BOT", null, null, List.of(), null);
    }

    private void webhookAnswers(int status, String body) {
        slack.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/html").withBody(body)));
    }

    private void apiAnswers(String json) {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson(json)));
    }

    // --- incoming webhook

    @Test
    void aWebhookAnsweringOk_getsTheBlocksAndTheFallbackText() throws Exception {
        webhookAnswers(200, "ok");

        notifier.send(webhook("env:SLACK_RELEASES"), HALTED);

        LoggedRequest sent = slack.findAll(postRequestedFor(urlPathEqualTo(HOOK))).get(0);
        assertTrue("application/json; charset=utf-8".equalsIgnoreCase(sent.getHeader("Content-Type")), sent.getHeader("Content-Type"));
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertEquals(SlackBlocks.render(HALTED), body);
        assertFalse(body.has("channel"), "a webhook posts to its own channel");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "400, invalid_payload, permanent: Slack could not take ringmaster's message as it is",
            "400, no_text, permanent: Slack could not take ringmaster's message as it is",
            "400, user_not_found, permanent: fix the plan's url reference env:SLACK_RELEASES",
            "403, action_prohibited, permanent: fix the plan's url reference env:SLACK_RELEASES",
            "403, posting_to_general_channel_denied, permanent: fix the plan's url reference env:SLACK_RELEASES",
            "404, channel_not_found, permanent: fix the plan's url reference env:SLACK_RELEASES",
            "404, no_service, permanent: fix the plan's url reference env:SLACK_RELEASES",
            "410, channel_is_archived, permanent: fix the plan's url reference env:SLACK_RELEASES"})
    void aWebhookError_isNamed_andSaysWhatToFix_withoutTheUrl(int status, String error, String hint) {
        webhookAnswers(status, error);

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> notifier.send(webhook("env:SLACK_RELEASES"), HALTED));

        assertEquals("Slack webhook env:SLACK_RELEASES refused the message: " + status + " " + error + " (" + hint + ")", e.getMessage());
        assertEquals(error, e.error());
        assertTrue(e.permanent());
        assertNoSecret(e);
        assertEquals(1, slack.findAll(postRequestedFor(urlPathEqualTo(HOOK))).size(), "a refusal is not retried");
    }

    @Test
    void aWebhookOutage_throwsUnavailable_afterRetries_withoutTheUrl() {
        webhookAnswers(503, "<html><body>Service Unavailable</body></html>");

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> notifier.send(webhook("env:SLACK_RELEASES"), HALTED));

        assertTrue(e.getMessage().startsWith("Slack webhook env:SLACK_RELEASES unavailable, not sent: slack answered 503 to POST [secret]"),
                e.getMessage());
        assertFalse(e.permanent());
        assertNoSecret(e);
        assertEquals(3, slack.findAll(postRequestedFor(urlPathEqualTo(HOOK))).size());
    }

    @Test
    void aWebhookRollupError_isRetried_thenTold() {
        webhookAnswers(500, "rollup_error");

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> notifier.send(webhook("env:SLACK_RELEASES"), HALTED));

        assertTrue(e.getMessage().endsWith(": rollup_error"), e.getMessage());
        assertFalse(e.permanent());
        assertNoSecret(e);
    }

    @Test
    void aWebhook429_waitsItsRetryAfter_thenSends() {
        slack.stubFor(post(urlPathEqualTo(HOOK)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("rate_limited"))
                .willSetStateTo("free"));
        slack.stubFor(post(urlPathEqualTo(HOOK)).inScenario("limited").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        long start = System.nanoTime();
        notifier.send(webhook("env:SLACK_RELEASES"), HALTED);

        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "Retry-After: 1 was not waited");
        assertEquals(2, slack.findAll(postRequestedFor(urlPathEqualTo(HOOK))).size());
    }

    @Test
    void aWebhookUrlWrittenIntoThePlan_isRefused_withoutRepeatingIt() {
        String inline = "https://hooks.slack.com" + HOOK;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notifier.send(webhook(inline), HALTED));

        assertFalse(e.getMessage().contains(HOOK), e.getMessage());
        assertTrue(e.getMessage().contains("must be a reference"), e.getMessage());
        assertEquals(0, slack.getAllServeEvents().size());
    }

    @Test
    void aSecretThatIsNoUrl_isSaid_withoutItsValue() {
        SlackNotifier n = new SlackNotifier(new LocalSecrets(Map.of("HOOK", "not a url q9VxA7rL"), null), http(), clock, SlackNotifier.API);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.send(webhook("env:HOOK"), HALTED));

        assertEquals("the secret behind env:HOOK is not an https:// webhook URL", e.getMessage());
    }

    // --- chat.postMessage

    @Test
    void chatPostMessage_sendsTheChannelTextAndBlocks_withTheBotToken() throws Exception {
        apiAnswers("{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1765188900.000100\",\"message\":{\"type\":\"message\"}}");

        notifier.send(bot("#releases"), HALTED);

        LoggedRequest sent = slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).get(0);
        assertEquals("Bearer " + TOKEN, sent.getHeader("Authorization"));
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertEquals("#releases", body.get("channel").asText());
        assertEquals(SlackBlocks.render(HALTED).get("text"), body.get("text"));
        assertEquals(SlackBlocks.render(HALTED).get("blocks"), body.get("blocks"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "not_in_channel, true, invite the app to the channel",
            "channel_not_found, true, fix the plan's 'to'",
            "is_archived, true, the channel is archived",
            "invalid_auth, true, permanent: fix the plan's token reference env:SLACK_BOT",
            "token_revoked, true, permanent: fix the plan's token reference env:SLACK_BOT",
            "missing_scope, true, chat:write",
            "msg_blocks_too_long, true, Slack could not take ringmaster's message",
            "invalid_blocks, true, Slack could not take ringmaster's message",
            "ratelimited, false, tried again"})
    void chatPostMessageOkFalse_namesSlacksError_andWhatToDo(String error, boolean permanent, String hint) {
        apiAnswers("{\"ok\":false,\"error\":\"" + error + "\",\"warning\":\"missing_charset\","
                + "\"response_metadata\":{\"warnings\":[\"missing_charset\"]}}");

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> notifier.send(bot("C0123456789"), HALTED));

        assertTrue(e.getMessage().startsWith("Slack chat.postMessage to C0123456789 refused the message: " + error), e.getMessage());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
        assertEquals(error, e.error());
        assertEquals(permanent, e.permanent());
        assertNoSecret(e);
    }

    @Test
    void chatPostMessage429_waitsItsRetryAfter_thenSends() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("free"));
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("limited").whenScenarioStateIs("free")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1765188900.000100\"}")));

        long start = System.nanoTime();
        notifier.send(bot("C0123456789"), HALTED);

        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "Retry-After: 1 was not waited");
        assertEquals(2, slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).size());
    }

    @Test
    void chatPostMessageOutage_throwsUnavailable_withoutTheToken() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(503).withBody("upstream connect error")));

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> notifier.send(bot("C0123456789"), HALTED));

        assertTrue(e.getMessage().startsWith("Slack chat.postMessage to C0123456789 unavailable, not sent"), e.getMessage());
        assertFalse(e.permanent());
        assertNoSecret(e);
    }

    @Test
    void chatPostMessageAnsweringNotJson_isSaid() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(200).withBody("<html>proxy</html>")));

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> notifier.send(bot("C0123456789"), HALTED));

        assertEquals("Slack chat.postMessage to C0123456789 answered with a body that is not Slack's JSON: <html>proxy</html>", e.getMessage());
    }

    @Test
    void chatPostMessageAt404_namesTheStatus() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(404).withBody("Not Found")));

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> notifier.send(bot("C0123456789"), HALTED));

        assertEquals("Slack chat.postMessage to C0123456789 answered HTTP 404: Not Found", e.getMessage());
    }

    // --- one message a second per channel

    @Test
    void messagesToOneChannel_areASecondApart_otherChannelsDoNotWait() {
        webhookAnswers(200, "ok");
        slack.stubFor(post(urlPathEqualTo(HOOK_2)).willReturn(aResponse().withStatus(200).withBody("ok")));
        apiAnswers("{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1765188900.000100\"}");

        notifier.send(webhook("env:SLACK_RELEASES"), HALTED);
        notifier.send(webhook("env:SLACK_ONCALL"), HALTED);
        notifier.send(bot("C0123456789"), HALTED);
        assertEquals(List.of(), slept, "first messages to three channels");

        notifier.send(webhook("env:SLACK_RELEASES"), HALTED);
        notifier.send(webhook("env:SLACK_RELEASES"), HALTED);
        notifier.send(bot("C0123456789"), HALTED);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), slept,
                "the 2nd and 3rd to #releases wait; chat.postMessage's channel had its second already");

        clock.advance(Duration.ofSeconds(5));
        notifier.send(webhook("env:SLACK_RELEASES"), HALTED);
        assertEquals(2, slept.size(), "a channel quiet for a second does not wait");
        assertEquals(4, slack.findAll(postRequestedFor(urlPathEqualTo(HOOK))).size());
    }

    @Test
    void messagesToOneChannel_arriveAtLeastASecondApart_onTheRealClock() {
        apiAnswers("{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1765188900.000100\"}");
        String base = "http://127.0.0.1:" + slack.port();
        SlackNotifier real = new SlackNotifier(new LocalSecrets(Map.of("SLACK_BOT", TOKEN), null), http(), Clock.systemUTC(),
                URI.create(base + "/api"));

        real.send(bot("C0123456789"), HALTED);
        real.send(bot("C0123456789"), HALTED);

        List<LoggedRequest> sent = slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));
        long apart = sent.get(1).getLoggedDate().getTime() - sent.get(0).getLoggedDate().getTime();
        assertTrue(apart >= 1_000, "arrived " + apart + " ms apart");
    }

    // --- settings

    @Test
    void theApiBase_isSlacks_unlessTheEnvironmentPointsElsewhere() {
        assertEquals(URI.create("https://slack.com/api"), SlackNotifier.apiBase(Map.of()));
        assertEquals(URI.create("http://127.0.0.1:8089/api"), SlackNotifier.apiBase(Map.of("RINGMASTER_SLACK_API_URL", "http://127.0.0.1:8089/api")));
    }

    @Test
    void aRuleOfAnotherChannel_isNotSlacks() {
        NotifyRule teams = new NotifyRule("teams", "env:SLACK_RELEASES", List.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notifier.send(teams, HALTED));

        assertEquals("SlackNotifier sends slack rules, not 'teams'", e.getMessage());
    }

    private static void assertNoSecret(Exception e) {
        for (String secret : List.of(HOOK, "q9VxA7rLmZ2pK4sW8tYbN3cF", TOKEN, "AbCdEfGhIjKlMnOpQrStUvWx")) {
            assertFalse(e.getMessage().contains(secret), "the exception shows a secret: " + e.getMessage());
        }
    }
}
