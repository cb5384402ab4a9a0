package dev.ringmaster.functions.pausestorerollout;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class PauseStoreRolloutFunctionTest {

    private static JsonNode post(String body) {
        return Fixtures.json(given().contentType("application/json").body(body).post().then().statusCode(200).extract().asString());
    }

    @Test
    void halt_stopsNewUsersOnce_whenDeliveredTwice() {
        String id = Fixtures.id("halt");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(30));
        RolloutEvent halt = Fixtures.asked(id, RolloutState.PAUSED, Command.Type.PAUSE, Action.HALT, NotifyEvent.PAUSED, Fixtures.now());

        JsonNode first = post(Fixtures.envelope(halt));
        JsonNode second = post(Fixtures.envelope(halt));

        assertTrue(first.path("applied").asBoolean(), first.toString());
        assertEquals("done: manual asked (people asked to stop giving 2.1.0 to new users beyond 10%)", first.path("outcome").asText());
        assertFalse(second.path("applied").asBoolean(), second.toString());
        assertEquals(List.of("halt ok"), Fixtures.history(id, HistoryEntry.Kind.ACTION).stream().map(HistoryEntry::what).toList(),
                "halted once");
    }

    @Test
    void rollback_takesTheVersionAway_andOnlyThenIsTheRolloutRolledBack() {
        String id = Fixtures.id("rollback");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(30));
        RolloutEvent rollback = Fixtures.asked(id, RolloutState.ROLLING_BACK, Command.Type.ROLLBACK, Action.ROLLBACK,
                NotifyEvent.ROLLED_BACK, Fixtures.now());

        JsonNode out = post(Fixtures.envelope(rollback));

        assertTrue(out.path("outcome").asText().startsWith("done: phase-1: manual asked at 0%"), out.toString());
        assertEquals(RolloutState.ROLLED_BACK, Fixtures.rollout(id).state());
        assertTrue(Fixtures.history(id, HistoryEntry.Kind.TRANSITION).stream().anyMatch(h -> h.what().equals("ROLLING_BACK → ROLLED_BACK")));
    }

    @Test
    void aRollbackNoTargetCarriedOut_leavesTheRolloutRollbackFailed_neverRolledBack() {
        String id = Fixtures.id("rollback-refused");
        Fixtures.running(id, Fixtures.plan(id, Fixtures.GOOGLE_PLAY, 0, 200_000, ""), 0, Duration.ofMinutes(30));
        RolloutEvent rollback = Fixtures.asked(id, RolloutState.ROLLING_BACK, Command.Type.ROLLBACK, Action.ROLLBACK,
                NotifyEvent.ROLLED_BACK, Fixtures.now());

        JsonNode out = post(Fixtures.envelope(rollback));

        assertTrue(out.path("outcome").asText().startsWith("refused: google-play"), out.toString());
        assertEquals(RolloutState.ROLLBACK_FAILED, Fixtures.rollout(id).state());
        assertEquals(Effect.Status.REFUSED, Fixtures.store().find(id).orElseThrow().effect().status());
    }

    @Test
    void enterEvent_isNotThisFunctions() {
        String id = Fixtures.id("pause-enter");
        Fixtures.seed(id, Fixtures.healthyPlan(id), RolloutState.PAUSED, 0, Duration.ofMinutes(30));
        RolloutEvent resume = Fixtures.asked(id, RolloutState.RUNNING, Command.Type.RESUME, Action.RESUME, NotifyEvent.RESUMED, Fixtures.now());

        JsonNode out = post(Fixtures.envelope(resume));

        assertFalse(out.path("applied").asBoolean());
        assertTrue(Fixtures.history(id, HistoryEntry.Kind.ACTION).isEmpty());
    }
}
