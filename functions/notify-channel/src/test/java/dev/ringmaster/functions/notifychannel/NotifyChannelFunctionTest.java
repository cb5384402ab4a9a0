package dev.ringmaster.functions.notifychannel;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class NotifyChannelFunctionTest {

    private static JsonNode post(String body) {
        return Fixtures.json(given().contentType("application/json").body(body).post().then().statusCode(200).extract().asString());
    }

    @Test
    void halted_isToldOnce_howeverOftenItIsDelivered() {
        String id = Fixtures.id("notify");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(30));
        String event = Fixtures.event("decision-halt.json", id);

        JsonNode first = post(event);
        JsonNode second = post(event);

        assertEquals("halted", first.path("event").asText());
        assertEquals("[\"slack\"]", first.path("told").toString());
        assertEquals("[]", second.path("told").toString(), "a redelivered event is not told again");
    }

    @Test
    void everyDecisionKind_isTold_evenOnesWithoutAnAction() {
        String id = Fixtures.id("notify-all");
        Fixtures.running(id, Fixtures.healthyPlan(id), 1, Duration.ofMinutes(30));

        assertEquals("[\"slack\"]", post(Fixtures.event("decision-hold.json", id)).path("told").toString());
        assertEquals("[\"slack\"]", post(Fixtures.event("decision-advance.json", id)).path("told").toString());
    }

    @Test
    void unknownRollout_tellsNobody() {
        assertEquals("[]", post(Fixtures.event("decision-halt.json", "gone-rollout")).path("told").toString());
    }
}
