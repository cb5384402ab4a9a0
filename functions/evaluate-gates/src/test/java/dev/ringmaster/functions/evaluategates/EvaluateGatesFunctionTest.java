package dev.ringmaster.functions.evaluategates;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class EvaluateGatesFunctionTest {

    private static JsonNode tick(String body) {
        return Fixtures.json(given().contentType("application/json").body(body).post().then().statusCode(200).extract().asString());
    }

    @Test
    void healthyRolloutAfterSoak_advances_writesTheIntentWithTheState_andPutsItOnTheBus() {
        String id = Fixtures.id("healthy");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofHours(2));

        JsonNode out = tick(Fixtures.event("tick.json", id));

        assertEquals(id, out.path("rolloutId").asText());
        assertEquals("ADVANCE", out.path("decision").asText(), out.toString());
        assertTrue(out.path("written").asBoolean());
        assertEquals(1, Fixtures.rollout(id).phaseIndex(), "now in phase-2");
        List<JsonNode> events = Fixtures.published(id);
        assertEquals(1, events.size());
        assertEquals("ENTER_PHASE", events.get(0).path("action").asText());
        assertEquals("phase-2", events.get(0).path("phase").asText());
        Effect effect = Fixtures.store().find(id).orElseThrow().effect();
        assertEquals(Fixtures.rollout(id).version(), effect.version(), "the intent is the rollout's effect, written with the advance");
        assertEquals(Effect.Status.PENDING, effect.status());
    }

    @Test
    void inSoak_holds_andSaysSo() {
        String id = Fixtures.id("soaking");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(10));

        JsonNode out = tick(Fixtures.event("tick.json", id));

        assertEquals("HOLD", out.path("decision").asText(), out.toString());
        assertTrue(out.path("note").asText().contains("soak"), out.toString());
        assertEquals(0, Fixtures.rollout(id).phaseIndex());
    }

    @Test
    void failingGate_haltsTheRollout_andAsksForAHalt() {
        String id = Fixtures.id("crashing");
        Fixtures.running(id, Fixtures.plan(id, 300, 20_000), 0, Duration.ofHours(2));

        JsonNode out = tick(Fixtures.event("tick.json", id));

        assertTrue(out.path("written").asBoolean(), out.toString());
        assertTrue(out.path("note").asText().contains("crash_rate"), out.toString());
        assertEquals(RolloutState.HALTED, Fixtures.rollout(id).state());
        assertEquals("HALT", Fixtures.published(id).get(0).path("action").asText());
    }

    @Test
    void aPhaseItsTargetHasNotConfirmed_neverAdvances_butItsGatesAreStillJudged() {
        String id = Fixtures.id("not-live");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofHours(2));
        Fixtures.asked(id, RolloutState.RUNNING, Command.Type.RESUME, Action.RESUME, NotifyEvent.RESUMED, Fixtures.now());

        JsonNode out = tick(Fixtures.event("tick.json", id));

        assertEquals("HOLD", out.path("decision").asText(), out.toString());
        assertTrue(out.path("note").asText().contains("waiting for phase 'phase-1' to go live"), out.toString());
        HistoryEntry decision = Fixtures.history(id, HistoryEntry.Kind.DECISION).get(0);
        assertTrue(decision.reasons().stream().anyMatch(r -> r.startsWith("verdict: gate crash_rate ≤ 0.005 PASS")), decision.toString());
    }

    @Test
    void anIntentLeftOpenPastItsGrace_isPutOnTheBusAgain() {
        String id = Fixtures.id("lost-event");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofHours(2));
        RolloutEvent lost = Fixtures.asked(id, RolloutState.RUNNING, Command.Type.RESUME, Action.RESUME, NotifyEvent.RESUMED,
                Fixtures.now().minus(Duration.ofMinutes(3)));

        tick(Fixtures.event("tick.json", id));

        List<JsonNode> again = Fixtures.published(id).stream().filter(e -> e.path("version").asLong() == lost.version()).toList();
        assertEquals(1, again.size(), "sent again once: " + Fixtures.published(id));
        assertEquals("RESUME", again.get(0).path("action").asText());
    }

    @Test
    void anIntentALaterOneOvertook_isClosedAsSuperseded_andNeverSentAgain() {
        String id = Fixtures.id("overtaken");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofHours(2));
        RolloutEvent resume = Fixtures.asked(id, RolloutState.RUNNING, Command.Type.RESUME, Action.RESUME, NotifyEvent.RESUMED,
                Fixtures.now().minus(Duration.ofMinutes(3)));
        Fixtures.asked(id, RolloutState.PAUSED, Command.Type.PAUSE, Action.HALT, NotifyEvent.PAUSED, Fixtures.now().minus(Duration.ofMinutes(2)));

        tick(Fixtures.event("tick.json", id));

        assertTrue(Fixtures.published(id).stream().noneMatch(e -> e.path("version").asLong() == resume.version()
                && e.path("action").asText().equals("RESUME")), "the resume is never sent again: " + Fixtures.published(id));
        assertTrue(Fixtures.store().intent(id, resume.intentId()).orElseThrow().outcome().startsWith("superseded: "));
        assertTrue(Fixtures.history(id, HistoryEntry.Kind.ACTION).stream().anyMatch(h -> h.what().equals("resume superseded")));
    }

    @Test
    void twoConcurrentTicks_advanceOnce() throws Exception {
        String id = Fixtures.id("racing");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofHours(2));
        String body = Fixtures.event("tick.json", id);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> await(go, body));
        CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> await(go, body));
        go.countDown();
        List<JsonNode> outs = List.of(a.get(), b.get());

        assertEquals(1, Fixtures.history(id, HistoryEntry.Kind.TRANSITION).size(), "exactly one transition: " + outs);
        assertEquals(1, Fixtures.rollout(id).phaseIndex(), "phase-2, not phase-3");
        assertEquals(1, outs.stream().filter(o -> o.path("decision").asText().equals("ADVANCE") && o.path("written").asBoolean()).count(),
                outs.toString());
        assertEquals(1, Fixtures.published(id).stream().filter(e -> e.path("action").asText().equals("ENTER_PHASE")).count());
    }

    private static JsonNode await(CountDownLatch go, String body) {
        try {
            go.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return tick(body);
    }

    @Test
    void unknownRollout_decidesNothing() {
        JsonNode out = tick("{\"rolloutId\": \"no-such-rollout\"}");
        assertTrue(out.path("decision").isNull(), out.toString());
        assertFalse(out.path("written").asBoolean());
        assertEquals("no rollout no-such-rollout", out.path("note").asText());
    }

    @Test
    void theSameTickWrappedInAnEventBridgeEnvelope_works() {
        String id = Fixtures.id("envelope");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofHours(2));

        JsonNode out = tick(Fixtures.event("scheduler-tick-envelope.json", id));

        assertEquals("ADVANCE", out.path("decision").asText(), out.toString());
    }
}
