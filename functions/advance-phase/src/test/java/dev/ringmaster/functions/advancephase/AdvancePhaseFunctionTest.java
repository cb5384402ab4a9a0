package dev.ringmaster.functions.advancephase;

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
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class AdvancePhaseFunctionTest {

    private static JsonNode post(String body) {
        return Fixtures.json(given().contentType("application/json").body(body).post().then().statusCode(200).extract().asString());
    }

    @Test
    void enterPhase_appliesThePhaseToTheTarget_onceWhenDeliveredTwice() {
        String id = Fixtures.id("advance");
        Fixtures.running(id, Fixtures.healthyPlan(id), 1, Duration.ofMinutes(1));
        String event = Fixtures.event("decision-advance.json", id);

        JsonNode first = post(event);
        JsonNode second = post(event);

        assertTrue(first.path("applied").asBoolean(), first.toString());
        assertTrue(first.path("outcome").asText().startsWith("done: google-play"), first.toString());
        assertEquals("ENTER_PHASE", first.path("action").asText());
        assertFalse(second.path("applied").asBoolean(), "a redelivered event does nothing: " + second);
        List<HistoryEntry> actions = Fixtures.history(id, HistoryEntry.Kind.ACTION);
        assertEquals(1, actions.size(), actions.toString());
        assertEquals("phase-2", actions.get(0).phase());
    }

    @Test
    void complete_releasesToEveryone() {
        String id = Fixtures.id("complete");
        Fixtures.running(id, Fixtures.healthyPlan(id), 2, Duration.ofMinutes(1));

        JsonNode out = post(Fixtures.event("decision-complete.json", id));

        assertTrue(out.path("applied").asBoolean(), out.toString());
        assertEquals("COMPLETE", Fixtures.history(id, HistoryEntry.Kind.ACTION).get(0).what());
    }

    @Test
    void haltEvent_isNotThisFunctions() {
        String id = Fixtures.id("advance-halt");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(1));

        JsonNode out = post(Fixtures.event("decision-halt.json", id));

        assertFalse(out.path("applied").asBoolean());
        assertTrue(Fixtures.history(id, HistoryEntry.Kind.ACTION).isEmpty());
    }
}
