package dev.ringmaster.functions.pausestorerollout;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.step.AdvancePhase;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class PauseStoreRolloutFunctionTest {

    private static JsonNode post(String body) {
        return Fixtures.json(given().contentType("application/json").body(body).post().then().statusCode(200).extract().asString());
    }

    /** Simulated targets live in this function's memory: phase-1 must be live on the track before it can halt. */
    @Inject
    AdvancePhase advancePhase;

    private void live(String id) {
        advancePhase.handle(new RolloutEvent(id, 1, "start", Action.ENTER_PHASE, "started", "phase-1", 0, List.of("test"), "test",
                Instant.now()));
    }

    @Test
    void halt_stopsTheStoreRollout_onceWhenDeliveredTwice() {
        String id = Fixtures.id("halt");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(30));
        live(id);
        String event = Fixtures.event("decision-halt.json", id);

        JsonNode first = post(event);
        JsonNode second = post(event);

        assertTrue(first.path("applied").asBoolean(), first.toString());
        assertTrue(first.path("outcome").asText().startsWith("done: google-play"), first.toString());
        assertFalse(second.path("applied").asBoolean(), second.toString());
        assertTrue(first.path("outcome").asText().contains("halted"), first.toString());
        List<HistoryEntry> actions = Fixtures.history(id, HistoryEntry.Kind.ACTION);
        assertEquals(List.of("ENTER_PHASE", "HALT"), actions.stream().map(HistoryEntry::what).toList(), "halted once");
    }

    @Test
    void rollback_takesTheVersionAway() {
        String id = Fixtures.id("rollback");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(30));
        live(id);

        JsonNode out = post(Fixtures.event("decision-rollback.json", id));

        assertTrue(out.path("applied").asBoolean(), out.toString());
        assertTrue(out.path("outcome").asText().startsWith("done: google-play"), out.toString());
        assertEquals("ROLLBACK", Fixtures.history(id, HistoryEntry.Kind.ACTION).get(1).what());
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
