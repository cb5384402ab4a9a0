package dev.ringmaster.testkit.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.adapters.slack.SeedMessages;
import dev.ringmaster.adapters.slack.SlackBlocks;
import dev.ringmaster.adapters.slack.SlackNotifier;
import dev.ringmaster.adapters.teams.TeamsCards;
import dev.ringmaster.adapters.teams.TeamsNotifier;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Notifier.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Slack and Teams stand-in, driven by the real notifiers: what it records, and each way it fails. */
class ChatStandInTest {
    private static final String HOOK = "/services/T0A1B2C3D/B0E4F5G6H/q9VxA7rLmZ2pK4sW8tYbN3cF";
    private static final String FLOW = "/workflows/5c1f0d7e2a9b4c3d8e6f1a2b3c4d5e6f/triggers/manual/paths/invoke";
    private static final Message HALTED = SeedMessages.all().get("halted");
    private static final Message ADVANCED = SeedMessages.all().get("advanced");
    private static final NotifyRule WEBHOOK = new NotifyRule("slack", "env:SLACK_HOOK", List.of());
    private static final NotifyRule BOT = new NotifyRule("slack", null, List.of(), Severity.INFO, List.of("#releases"), "env:SLACK_BOT",
            null, null, List.of(), null);
    private static final NotifyRule TEAMS = new NotifyRule("teams", "env:TEAMS_FLOW", List.of());

    private final ChatStandIn chat = ChatStandIn.start();
    private final SlackNotifier slack;
    private final TeamsNotifier teams;

    ChatStandInTest() {
        LocalSecrets secrets = new LocalSecrets(Map.of("SLACK_HOOK", chat.url(HOOK), "SLACK_BOT", "xoxb-1234-5678-AbCdEf",
                "SLACK_BAD_TOKEN", "not-a-slack-token", "TEAMS_FLOW", chat.url(FLOW + "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Xk3vQ9mZ"),
                "TEAMS_NO_SIG", chat.url(FLOW + "?api-version=1")), null);
        Http http = new Http(Http.client(), new Http.Policy(3, Duration.ofMillis(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), "chat");
        slack = new SlackNotifier(secrets, http, Clock.systemUTC(), URI.create(chat.url("/api")));
        teams = new TeamsNotifier(secrets, http);
    }

    @AfterEach
    void stop() {
        chat.close();
    }

    @Test
    void webhookAndChatPostMessage_areRecordedInOrder_withTheirChannels() {
        slack.send(WEBHOOK, HALTED);
        slack.send(BOT, ADVANCED);

        List<ChatStandIn.Received> got = chat.slackMessages();
        assertEquals(List.of(HOOK, "#releases"), got.stream().map(ChatStandIn.Received::channel).toList());
        assertEquals(SlackBlocks.render(HALTED), got.get(0).body());
        assertEquals(SlackBlocks.render(ADVANCED).get("blocks"), got.get(1).body().get("blocks"));
        assertFalse(got.get(1).at().isBefore(got.get(0).at()));
        assertEquals(List.of(), chat.teamsMessages());
    }

    @Test
    void aTeamsCard_isRecorded() {
        teams.send(TEAMS, HALTED);

        assertEquals(1, chat.teamsMessages().size());
        assertEquals(FLOW, chat.teamsMessages().get(0).channel());
        assertEquals(TeamsCards.render(HALTED), chat.teamsMessages().get(0).body());
    }

    @Test
    void twoMessagesToOneChannel_arriveASecondApart() {
        slack.send(BOT, HALTED);
        slack.send(BOT, ADVANCED);

        List<ChatStandIn.Received> got = chat.slackMessages();
        long apart = Duration.between(got.get(0).at(), got.get(1).at()).toMillis();
        assertTrue(apart >= 1_000, "arrived " + apart + " ms apart");
    }

    @Test
    void a429WithRetryAfter_isWaitedOut_andTheMessageRecordedOnce() {
        chat.failNext("/chat.postMessage", 429, "{\"ok\":false,\"error\":\"ratelimited\"}", Map.of("Retry-After", "1"), 1);

        slack.send(BOT, HALTED);

        assertEquals(1, chat.slackMessages().size());
    }

    @Test
    void aWebhookErrorBody_reachesTheUser_andNothingIsRecorded() {
        chat.failNext("/B0E4F5G6H/q9VxA7rLmZ2pK4sW8tYbN3cF", 404, "channel_not_found", Map.of("Content-Type", "text/html"), 1);

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> slack.send(WEBHOOK, HALTED));

        assertEquals("channel_not_found", e.error());
        assertEquals(List.of(), chat.slackMessages());
        slack.send(WEBHOOK, HALTED);
        assertEquals(1, chat.slackMessages().size(), "failNext fails only as often as asked");
    }

    @Test
    void aSlackErrorOnChatPostMessage_isThrown() {
        chat.failNext("/chat.postMessage", 200, "{\"ok\":false,\"error\":\"not_in_channel\"}", Map.of("Content-Type", "application/json"), 1);

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> slack.send(BOT, HALTED));

        assertEquals("not_in_channel", e.error());
    }

    @Test
    void aTokenThatIsNoSlackToken_isInvalidAuth() {
        NotifyRule wrong = new NotifyRule("slack", null, List.of(), Severity.INFO, List.of("#releases"), "env:SLACK_BAD_TOKEN",
                null, null, List.of(), null);

        SlackNotifier.NotSent e = assertThrows(SlackNotifier.NotSent.class, () -> slack.send(wrong, HALTED));

        assertEquals("invalid_auth", e.error());
    }

    @Test
    void anOutage_failsEveryChannel_untilItEnds() {
        chat.down(true);

        assertFalse(assertThrows(SlackNotifier.NotSent.class, () -> slack.send(WEBHOOK, HALTED)).permanent());
        assertFalse(assertThrows(SlackNotifier.NotSent.class, () -> slack.send(BOT, HALTED)).permanent());
        assertFalse(assertThrows(TeamsNotifier.NotSent.class, () -> teams.send(TEAMS, HALTED)).permanent());
        assertEquals(List.of(), chat.slackMessages());

        chat.down(false);
        teams.send(TEAMS, HALTED);
        assertEquals(1, chat.teamsMessages().size());
    }

    @Test
    void aFlowUrlWithoutItsSig_isRefused() {
        TeamsNotifier.NotSent e = assertThrows(TeamsNotifier.NotSent.class,
                () -> teams.send(new NotifyRule("teams", "env:TEAMS_NO_SIG", List.of()), HALTED));

        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("DirectApiAuthorizationRequired"), e.getMessage());
    }

    @Test
    void aFlowAcceptsWhatItCannotPost_butRecordsOnlyCards() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chat.url(FLOW + "?sig=x")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"legacy connector body\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(202, r.statusCode());
        assertEquals(List.of(), chat.teamsMessages());
    }

    @Test
    void aWebhookBodyWithoutText_isNoText() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chat.url(HOOK)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"blocks\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, r.statusCode());
        assertEquals("no_text", r.body());
    }
}
