package dev.ringmaster.functions.operate;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class OperateFunctionTest {

    private static JsonNode post(String body) {
        return Fixtures.json(given().contentType("application/json").body(body).post().then().statusCode(200).extract().asString());
    }

    private static String sample(String command, String id) {
        return Fixtures.event("operate-" + command + ".json", id);
    }

    private static String with(String body, String field, Object value) {
        try {
            ObjectNode n = (ObjectNode) new ObjectMapper().readTree(body);
            n.set(field, new ObjectMapper().valueToTree(value));
            return n.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String started() {
        String id = Fixtures.id("op");
        JsonNode out = post(sample("start", id));
        assertTrue(out.path("accepted").asBoolean(), out.toString());
        return id;
    }

    @Test
    void start_storesTheRollout_schedulesItsTicks_andEntersPhaseOne() {
        String id = Fixtures.id("op-start");

        JsonNode out = post(sample("start", id));

        assertTrue(out.path("accepted").asBoolean(), out.toString());
        assertEquals("RUNNING", out.path("state").asText());
        assertEquals(RolloutState.RUNNING, Fixtures.rollout(id).state());
        LocalAws.aws().verify(1, postRequestedFor(urlEqualTo("/schedules/ringmaster-" + id)));
        JsonNode event = Fixtures.published(id).get(0);
        assertEquals("ENTER_PHASE", event.path("action").asText());
        assertEquals("jane.doe", event.path("operator").asText());
        HistoryEntry command = Fixtures.history(id, HistoryEntry.Kind.COMMAND).get(Fixtures.history(id, HistoryEntry.Kind.COMMAND).size() - 1);
        assertEquals("jane.doe", command.operator());
        assertTrue(command.reasons().get(0).contains("release 2.1.0 approved in the release meeting"), command.toString());
    }

    @Test
    void startOfAPlanNamingWhatThisDeploymentCannotReach_isRefused_namingIt() {
        String id = Fixtures.id("op-play");
        String plan = Fixtures.plan(id, Fixtures.GOOGLE_PLAY, 0, 200_000, Fixtures.SLACK + "\n    - {channel: in-app}");

        JsonNode out = post(with(sample("start", id), "plan", plan));

        assertFalse(out.path("accepted").asBoolean(), out.toString());
        assertEquals("this deployment cannot carry out the plan: spec.target.type: no google-play adapter in this deployment"
                + " (configured: container-ring, feature-flag, manual); spec.notify[1].channel: no 'in-app' notifier in this deployment"
                + " (configured: email, slack, statuspage, teams, webhook)", out.path("reason").asText());
        assertTrue(Fixtures.store().find(id).isEmpty(), "nothing stored");
    }

    @Test
    void startTwice_isRefused() {
        String id = started();
        JsonNode again = post(sample("start", id));
        assertFalse(again.path("accepted").asBoolean());
        assertTrue(again.path("reason").asText().contains("already RUNNING"), again.toString());
    }

    @Test
    void pauseResumeRollback_areAcceptedInTurn_andTheRollbackWaitsForItsTarget() {
        String id = started();

        JsonNode paused = post(sample("pause", id));
        JsonNode resumed = post(sample("resume", id));
        JsonNode rolledBack = post(sample("rollback", id));

        assertEquals("PAUSED", paused.path("state").asText(), paused.toString());
        assertEquals("RUNNING", resumed.path("state").asText(), resumed.toString());
        assertEquals("ROLLING_BACK", rolledBack.path("state").asText(), "rolled back once pause-store-rollout confirms it: " + rolledBack);
        assertTrue(rolledBack.path("version").asLong() > resumed.path("version").asLong());
        List<String> actions = Fixtures.published(id).stream().map(e -> e.path("action").asText()).toList();
        assertEquals(List.of("ENTER_PHASE", "HALT", "RESUME", "ROLLBACK"), actions);
        LocalAws.aws().verify(0, deleteRequestedFor(urlPathEqualTo("/schedules/ringmaster-" + id)));
    }

    @Test
    void resumeOfACompletedRollout_isRefused_andTheRefusalIsRecorded() {
        String id = Fixtures.id("op-done");
        Instant t = Instant.parse("2026-04-01T10:00:00Z");
        Fixtures.store().create(new StoredRollout(new Rollout(id, RolloutState.COMPLETED, 2, t, t, 5, -1, false, false, "completed"),
                Fixtures.healthyPlan(id)), new HistoryEntry(id, t, 5, HistoryEntry.Kind.COMMAND, "start", "phase-1", "test", List.of("seeded")));

        JsonNode out = post(sample("resume", id));

        assertFalse(out.path("accepted").asBoolean());
        assertEquals("cannot resume a COMPLETED rollout: it already reached every user", out.path("reason").asText());
        assertEquals("COMPLETED", out.path("state").asText());
        assertEquals(5, out.path("version").asLong(), "nothing was written");
        assertEquals(1, Fixtures.history(id, HistoryEntry.Kind.REFUSED).size());
        assertEquals("jane.doe", Fixtures.history(id, HistoryEntry.Kind.REFUSED).get(0).operator());
    }

    /** Seed 004's kill switch after COMPLETED, from the console and from an alerting rule on the bus. */
    @Test
    void kill_ofACompletedRollout_fromTheConsoleOrTheBus_throwsTheKillSwitch() {
        for (String sample : List.of("operate-kill.json", "operate-kill-bus.json")) {
            String id = Fixtures.id("op-kill");
            Fixtures.seed(id, Fixtures.healthyPlan(id), RolloutState.COMPLETED, 2, java.time.Duration.ofHours(3));

            JsonNode out = post(Fixtures.event(sample, id));

            assertTrue(out.path("accepted").asBoolean(), sample + ": " + out);
            assertEquals("ROLLING_BACK", out.path("state").asText(), "rolled back once pause-store-rollout confirms it");
            JsonNode event = Fixtures.published(id).get(0);
            assertEquals("KILL", event.path("action").asText(), sample);
            assertEquals(sample.contains("bus") ? "alertmanager" : "jane.doe", event.path("operator").asText());
        }
    }

    @Test
    void promoteWithoutReason_isRefused_withAReason_completes() {
        String id = started();

        JsonNode noReason = post(with(sample("promote", id), "reason", ""));
        JsonNode noForce = post(with(sample("promote", id), "force", false));
        JsonNode forced = post(sample("promote", id));

        assertFalse(noReason.path("accepted").asBoolean());
        assertTrue(noReason.path("reason").asText().contains("needs a reason"), noReason.toString());
        assertFalse(noForce.path("accepted").asBoolean());
        assertTrue(noForce.path("reason").asText().contains("--force"), noForce.toString());
        assertTrue(forced.path("accepted").asBoolean(), forced.toString());
        assertEquals("COMPLETED", forced.path("state").asText());
    }

    @Test
    void status_readsWithoutWriting() {
        String id = started();
        long version = Fixtures.rollout(id).version();

        JsonNode out = post(sample("status", id));

        assertTrue(out.path("accepted").asBoolean());
        assertEquals("RUNNING", out.path("state").asText());
        assertTrue(out.path("message").asText().startsWith("RUNNING in phase 1"), out.toString());
        assertEquals(version, Fixtures.rollout(id).version());
    }

    @Test
    void commandsOnAnUnknownRollout_orUnknownCommands_areRefusedSayingWhy() {
        JsonNode none = post(sample("pause", "never-started"));
        assertFalse(none.path("accepted").asBoolean());
        assertEquals("no rollout never-started: start it with its plan first", none.path("reason").asText());

        JsonNode unknown = post(with(sample("pause", "never-started"), "command", "reboot"));
        assertTrue(unknown.path("reason").asText().startsWith("unknown command 'reboot': one of start, pause"), unknown.toString());
    }

    @Test
    void everyOperateSample_isACommandOperateUnderstands() {
        for (String c : List.of("start", "pause", "resume", "rollback", "promote", "approve", "kill", "mark-fixed", "status")) {
            String command = Fixtures.json(sample(c, "x")).path("command").asText();
            assertTrue(command.equals("status") || OperateFunction.type(command).isPresent(), c);
        }
    }
}
