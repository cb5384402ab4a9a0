package dev.ringmaster.functions.pausestorerollout;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class PauseStoreRolloutFunctionTest {

    private static JsonNode post(String body) {
        return Fixtures.json(given().contentType("application/json").body(body).post().then().statusCode(200).extract().asString());
    }

    @Test
    void halt_stopsTheStoreRollout_onceWhenDeliveredTwice() {
        String id = Fixtures.id("halt");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(30));
        String event = Fixtures.event("decision-halt.json", id);

        JsonNode first = post(event);
        JsonNode second = post(event);

        assertTrue(first.path("applied").asBoolean(), first.toString());
        assertTrue(first.path("outcome").asText().startsWith("done: google-play"), first.toString());
        assertFalse(second.path("applied").asBoolean(), second.toString());
        assertEquals(1, Fixtures.history(id, HistoryEntry.Kind.ACTION).size());
        assertEquals("HALT", Fixtures.history(id, HistoryEntry.Kind.ACTION).get(0).what());
    }

    @Test
    void rollback_takesTheVersionAway() {
        String id = Fixtures.id("rollback");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(30));

        JsonNode out = post(Fixtures.event("decision-rollback.json", id));

        assertTrue(out.path("applied").asBoolean(), out.toString());
        assertEquals("ROLLBACK", Fixtures.history(id, HistoryEntry.Kind.ACTION).get(0).what());
    }

    @Test
    void advanceEvent_isNotThisFunctions() {
        String id = Fixtures.id("pause-advance");
        Fixtures.running(id, Fixtures.healthyPlan(id), 1, Duration.ofMinutes(1));

        JsonNode out = post(Fixtures.event("decision-advance.json", id));

        assertFalse(out.path("applied").asBoolean());
        assertTrue(Fixtures.history(id, HistoryEntry.Kind.ACTION).isEmpty());
    }
}
