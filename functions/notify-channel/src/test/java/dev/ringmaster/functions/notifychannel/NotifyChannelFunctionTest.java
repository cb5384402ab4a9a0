package dev.ringmaster.functions.notifychannel;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * This build reaches no chat or webhook channel (a plan that notifies is refused at start): a rollout without
 * notify rules settles its messages at once, and one seeded with a Slack rule fails loudly, its message owed.
 */
@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class NotifyChannelFunctionTest {

    private static JsonNode post(String body) {
        return Fixtures.json(given().contentType("application/json").body(body).post().then().statusCode(200).extract().asString());
    }

    private static RolloutEvent paused(String id, String plan) {
        Fixtures.running(id, plan, 0, Duration.ofMinutes(30));
        return Fixtures.asked(id, RolloutState.PAUSED, Command.Type.PAUSE, Action.HALT, NotifyEvent.PAUSED, Fixtures.now());
    }

    @Test
    void anEventNoRuleListensFor_tellsNobody_andItsMessagesAreSettled() {
        String id = Fixtures.id("notify-none");
        RolloutEvent pause = paused(id, Fixtures.healthyPlan(id));

        JsonNode out = post(Fixtures.envelope(pause));

        assertEquals("paused", out.path("event").asText());
        assertEquals("[]", out.path("told").toString());
        assertTrue(Fixtures.store().intent(id, pause.intentId()).orElseThrow().notified());
    }

    @Test
    void aChannelWhoseWebhookReferenceCannotBeRead_failsTheInvocation_andTheMessageStaysOwed() {
        String id = Fixtures.id("notify-slack");
        RolloutEvent pause = paused(id, Fixtures.plan(id, Fixtures.MANUAL, 0, 200_000, Fixtures.SLACK));

        String body = given().contentType("application/json").body(Fixtures.envelope(pause)).post().then().extract().asString();

        assertTrue(body.contains("not sent, tried again on redelivery: slack: cannot read secret ssm:/ringmaster/slack/releases"), body);
        assertFalse(Fixtures.store().intent(id, pause.intentId()).orElseThrow().notified(), "the tick sends it again");
        String key = "notify#" + id + "#" + pause.intentId() + "#paused#slack#ssm:/ringmaster/slack/releases";
        assertEquals(RolloutStore.MessageClaim.CLAIMED, Fixtures.store().claim(key, Fixtures.now(), Fixtures.now().plusSeconds(60)),
                "the failed send released its claim");
    }

    @Test
    void unknownRollout_tellsNobody() {
        assertEquals("[]", post(Fixtures.event("decision-halt.json", "gone-rollout")).path("told").toString());
    }
}
