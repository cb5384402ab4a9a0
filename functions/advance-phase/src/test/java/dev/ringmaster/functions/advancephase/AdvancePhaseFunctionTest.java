package dev.ringmaster.functions.advancephase;

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
import dev.ringmaster.functions.runtime.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
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

    private static RolloutEvent resumeAsked(String id, String plan) {
        Fixtures.seed(id, plan, RolloutState.PAUSED, 1, Duration.ofHours(2));
        return Fixtures.asked(id, RolloutState.RUNNING, Command.Type.RESUME, Action.RESUME, NotifyEvent.RESUMED, Fixtures.now());
    }

    @Test
    void resume_appliesThePhaseToTheTargetOnce_whenDeliveredTwice() {
        String id = Fixtures.id("advance");
        RolloutEvent resume = resumeAsked(id, Fixtures.healthyPlan(id));

        JsonNode first = post(Fixtures.envelope(resume));
        JsonNode second = post(Fixtures.envelope(resume));

        assertTrue(first.path("applied").asBoolean(), first.toString());
        assertEquals("done: manual asked at 50% (people asked to give 2.1.0 to new users again, up to 50%)", first.path("outcome").asText());
        assertEquals("RESUME", first.path("action").asText());
        assertFalse(second.path("applied").asBoolean(), "a redelivered event does nothing: " + second);
        List<HistoryEntry> actions = Fixtures.history(id, HistoryEntry.Kind.ACTION);
        assertEquals(List.of("resume ok"), actions.stream().map(HistoryEntry::what).toList());
        assertEquals("phase-2", actions.get(0).phase());
        assertEquals(Effect.Status.DONE, Fixtures.store().find(id).orElseThrow().effect().status(), "phase-2 is live");
    }

    @Test
    void anEnterThatAPauseOvertook_isClosedAsSuperseded_andNeverReachesTheTarget() {
        String id = Fixtures.id("stale");
        RolloutEvent resume = resumeAsked(id, Fixtures.healthyPlan(id));
        Fixtures.asked(id, RolloutState.PAUSED, Command.Type.PAUSE, Action.HALT, NotifyEvent.PAUSED, Fixtures.now());

        JsonNode out = post(Fixtures.envelope(resume));

        assertEquals("superseded by v" + (resume.version() + 1) + " halt", out.path("outcome").asText(), out.toString());
        assertEquals(List.of("resume superseded"), Fixtures.history(id, HistoryEntry.Kind.ACTION).stream().map(HistoryEntry::what).toList());
        assertEquals(Effect.Status.PENDING, Fixtures.store().find(id).orElseThrow().effect().status(), "the pause's halt is still owed");
    }

    @Test
    void aTargetThisDeploymentHasNoAdapterFor_isRefused_andTheRefusalRecorded() {
        String id = Fixtures.id("no-play");
        RolloutEvent resume = resumeAsked(id, Fixtures.plan(id, Fixtures.GOOGLE_PLAY, 0, 200_000, ""));

        JsonNode out = post(Fixtures.envelope(resume));

        assertEquals("refused: google-play: no google-play adapter in this deployment (configured: container-ring, feature-flag, manual)", out.path("outcome").asText());
        Effect effect = Fixtures.store().find(id).orElseThrow().effect();
        assertEquals(Effect.Status.REFUSED, effect.status());
        assertEquals(List.of("resume refused"), Fixtures.history(id, HistoryEntry.Kind.ACTION).stream().map(HistoryEntry::what).toList());
    }

    @Test
    @DisabledOnIntegrationTest("moves the function's clock")
    void aClaimLeftByAStepThatDied_isTakenOverOnlyOnceItExpires() {
        String id = Fixtures.id("crashed");
        RolloutEvent resume = resumeAsked(id, Fixtures.healthyPlan(id));
        Fixtures.store().claimEffect(Fixtures.store().intent(id, resume.intentId()).orElseThrow(), Fixtures.now(),
                Fixtures.now().plus(Duration.ofSeconds(60)));

        JsonNode whileHeld = post(Fixtures.envelope(resume));
        TestClock.advance(Duration.ofSeconds(61));
        JsonNode after = post(Fixtures.envelope(resume));

        assertTrue(whileHeld.path("outcome").asText().startsWith("not now: " + resume.intentId() + " is acting until"), whileHeld.toString());
        assertTrue(after.path("outcome").asText().startsWith("done: manual asked"), after.toString());
        assertEquals(List.of("resume ok"), Fixtures.history(id, HistoryEntry.Kind.ACTION).stream().map(HistoryEntry::what).toList());
    }

    @Test
    void haltEvent_isNotThisFunctions() {
        String id = Fixtures.id("advance-halt");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(1));
        RolloutEvent halt = Fixtures.asked(id, RolloutState.PAUSED, Command.Type.PAUSE, Action.HALT, NotifyEvent.PAUSED, Fixtures.now());

        JsonNode out = post(Fixtures.envelope(halt));

        assertFalse(out.path("applied").asBoolean());
        assertTrue(Fixtures.history(id, HistoryEntry.Kind.ACTION).isEmpty());
    }

    @Test
    void theSampleAdvanceEnvelope_isRead_andNeedsItsIntent() {
        JsonNode out = post(Fixtures.event("decision-advance.json", Fixtures.id("no-intent")));

        assertFalse(out.path("applied").asBoolean(), "an event no tick recorded is not acted on: " + out);
        assertEquals("ENTER_PHASE", out.path("action").asText());
    }
}
