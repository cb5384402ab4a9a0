package dev.ringmaster.testkit.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.play.GooglePlayTarget;
import dev.ringmaster.adapters.play.PlayCredentials;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in keeps Play's state, and GooglePlayTarget drives a whole rollout against it. */
class PlayStandInTest {
    private static final String PKG = "com.example.vpn";
    private static final String APP = "/androidpublisher/v3/applications/" + PKG;
    private static final Target TARGET = new Target(TargetType.GOOGLE_PLAY,
            Map.of("packageName", PKG, "track", "production", "versionCodes", List.of(2100)));
    private final PlayStandIn play = PlayStandIn.start();
    private final GooglePlayTarget target = new GooglePlayTarget(URI.create(play.baseUrl()),
            PlayCredentials.fromKeyJson(play.serviceAccountKeyJson()), Http.client(),
            new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(2), Duration.ofSeconds(5)));

    @AfterEach
    void stop() {
        play.close();
    }

    private static Phase phase(double percent) {
        return new Phase("phase-" + percent, percent, null, List.of(), null, null, null, Duration.ofHours(24), null, null,
                null, Map.of(), null, List.of());
    }

    private Map<String, Object> ours() {
        return play.track(PKG, "production").stream().filter(r -> r.get("versionCodes").equals(List.of("2100"))).findFirst()
                .orElseThrow();
    }

    @Test
    void everyTickReadsTheTrack_aChangeMadeByHandInPlayConsoleIsReported_andTheTrackIsLeftAsThePersonSetIt() {
        target.enter(TARGET, phase(10), "2.1.0");
        assertEquals("inProgress", target.hold(TARGET, phase(10), "2.1.0").status(), "as ringmaster left it: nothing to say");

        play.changeByHand(PKG, "production", List.of("2100"), "halted", 0.1);
        RolloutTarget.ChangedByHand halted = assertThrows(RolloutTarget.ChangedByHand.class, () -> target.hold(TARGET, phase(10), "2.1.0"));
        assertEquals("versionCodes [2100] on com.example.vpn production: halted in Play Console at 10 %", halted.getMessage());

        play.changeByHand(PKG, "production", List.of("2100"), "inProgress", 0.5);
        RolloutTarget.ChangedByHand raised = assertThrows(RolloutTarget.ChangedByHand.class, () -> target.hold(TARGET, phase(10), "2.1.0"));
        assertTrue(raised.getMessage().endsWith("raised in Play Console to 50 %; the phase is at 10 %"), raised.getMessage());
        assertEquals(0.5, ours().get("userFraction"), "reading never writes");
        assertFalse(play.requests().stream().anyMatch(r -> r.endsWith(":commit") && play.requests().indexOf(r) > 4),
                "no commit after the first enter: " + play.requests());
    }

    @Test
    void aRolloutStartAdvanceHaltResumeComplete_leavesTheTrackAsPlayWouldHoldIt() {
        play.changeByHand(PKG, "production", List.of("2000"), "completed", null);

        TargetState started = target.enter(TARGET, phase(10), "2.1.0");
        assertEquals(new TargetState("inProgress", 10, started.detail()), started);
        assertEquals(0.1, ours().get("userFraction"));
        assertEquals(2, play.track(PKG, "production").size(), "2000 still serves everyone else");

        target.enter(TARGET, phase(20), "2.1.0");
        assertEquals(0.2, ours().get("userFraction"));

        TargetState halted = target.halt(TARGET, phase(20), "2.1.0");
        assertEquals("halted", ours().get("status"));
        assertEquals(20, halted.percent());

        target.resume(TARGET, phase(20), "2.1.0");
        assertEquals("inProgress", ours().get("status"));

        TargetState completed = target.complete(TARGET, "2.1.0");
        assertEquals(new TargetState("completed", 100, completed.detail()), completed);
        assertEquals(List.of(Map.of("versionCodes", List.of("2100"), "status", "completed")), play.track(PKG, "production"));

        List<String> oneEdit = List.of("POST " + APP + "/edits", "GET " + APP + "/edits/ID/tracks/production",
                "PUT " + APP + "/edits/ID/tracks/production", "POST " + APP + "/edits/ID:commit");
        List<String> expected = new ArrayList<>(List.of("POST /token"));
        for (int call = 0; call < 5; call++) {
            expected.addAll(oneEdit);
        }
        assertEquals(expected, play.requests().stream().map(r -> r.replaceAll("/edits/[0-9]+", "/edits/ID")).toList());
        assertEquals("completed", target.observe(TARGET, "2.1.0").status());
    }

    @Test
    void aFractionRaisedByHand_isNotLowered() {
        target.enter(TARGET, phase(10), "2.1.0");
        play.changeByHand(PKG, "production", List.of("2100"), "inProgress", 0.5);

        var refused = assertThrows(RolloutTarget.Refused.class, () -> target.enter(TARGET, phase(20), "2.1.0"));

        assertTrue(refused.getMessage().contains("raised by hand in Play Console to 50 %"), refused.getMessage());
        assertEquals(0.5, ours().get("userFraction"));
    }

    @Test
    void aRepeatedCall_commitsNothingTheSecondTime() {
        target.enter(TARGET, phase(10), "2.1.0");
        int before = play.requests().size();

        target.enter(TARGET, phase(10), "2.1.0");

        List<String> second = play.requests().subList(before, play.requests().size());
        assertEquals(3, second.size(), second.toString());
        assertTrue(second.get(2).startsWith("DELETE "), second.toString());
    }

    @Test
    void anOpenEdit_isInvalidatedByAChangeByHand_orByANewEdit_andACommitOfAnInvalidatedEditIsRefused() throws Exception {
        String token = ((ServiceAccountCredentials) ServiceAccountCredentials.fromStream(new ByteArrayInputStream(
                play.serviceAccountKeyJson().getBytes(StandardCharsets.UTF_8))).createScoped(List.of(
                "https://www.googleapis.com/auth/androidpublisher"))).refreshAccessToken().getTokenValue();
        HttpClient http = HttpClient.newHttpClient();

        String first = editId(send(http, token, "POST", "/edits", "{}"));
        play.changeByHand(PKG, "production", List.of("2000"), "completed", null);
        HttpResponse<String> gone = send(http, token, "GET", "/edits/" + first + "/tracks/production", null);
        assertEquals(400, gone.statusCode());
        assertTrue(gone.body().contains("This Edit has been deleted."), gone.body());

        String second = editId(send(http, token, "POST", "/edits", "{}"));
        String third = editId(send(http, token, "POST", "/edits", "{}"));
        assertFalse(second.equals(third));
        assertEquals(400, send(http, token, "POST", "/edits/" + second + ":commit", null).statusCode());
        assertEquals(200, send(http, token, "POST", "/edits/" + third + ":commit", null).statusCode());
    }

    @Test
    void withoutAValidToken_theApiAnswers401() throws Exception {
        HttpResponse<String> r = send(HttpClient.newHttpClient(), "ya29.not-issued", "POST", "/edits", "{}");

        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("UNAUTHENTICATED"), r.body());
    }

    @Test
    void revokedTokens_areRefreshedByTheAdapter() {
        target.enter(TARGET, phase(10), "2.1.0");
        play.revokeTokens();

        target.enter(TARGET, phase(20), "2.1.0");

        assertEquals(0.2, ours().get("userFraction"));
        assertEquals(2, play.requests().stream().filter(r -> r.equals("POST /token")).count());
    }

    private HttpResponse<String> send(HttpClient http, String token, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(play.baseUrl() + APP + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String editId(HttpResponse<String> insert) {
        assertEquals(200, insert.statusCode(), insert.body());
        return insert.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9]+)\".*", "$1");
    }
}
