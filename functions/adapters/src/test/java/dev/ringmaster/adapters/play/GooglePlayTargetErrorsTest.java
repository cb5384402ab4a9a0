package dev.ringmaster.adapters.play;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ringmaster.adapters.play.PlayBodies.release;
import static dev.ringmaster.adapters.play.PlayBodies.track;
import static dev.ringmaster.adapters.play.PlayWireMock.APP;
import static dev.ringmaster.adapters.play.PlayWireMock.TARGET;
import static dev.ringmaster.adapters.play.PlayWireMock.phase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the adapter does with each way Google's API and token endpoint say no. */
class GooglePlayTargetErrorsTest {
    private static final String E1 = "06541098213740825123";
    private static final String E2 = "17290183650019284731";
    private final PlayWireMock play = new PlayWireMock();
    private final GooglePlayTarget target = play.target();

    @AfterEach
    void stop() {
        play.close();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    private int tokenRequests() {
        return play.server.findAll(postRequestedFor(urlPathEqualTo("/token"))).size();
    }

    // --- tokens

    @Test
    void theAccessToken_isCachedAcrossCalls() {
        play.editsInserted(E1);
        play.edit(E1, track(release("inProgress", 0.1)));

        target.observe(TARGET, "2.1.0");
        target.observe(TARGET, "2.1.0");

        assertEquals(1, tokenRequests());
        for (ServeEvent e : play.events()) {
            if (!e.getRequest().getUrl().equals("/token")) {
                assertEquals("Bearer ya29.c.test-1", e.getRequest().getHeader("Authorization"));
            }
        }
    }

    @Test
    void anExpiredToken_isFetchedAgainBeforeTheNextCall() {
        play.server.stubFor(post(urlPathEqualTo("/token"))
                .willReturn(okJson("{\"access_token\":\"ya29.c.short\",\"expires_in\":1,\"token_type\":\"Bearer\"}")));
        play.editsInserted(E1);
        play.edit(E1, track(release("inProgress", 0.1)));

        target.observe(TARGET, "2.1.0");

        assertEquals(3, tokenRequests(), "a token that expires within the library's margin is never reused");
    }

    @Test
    void a401_fetchesANewTokenAndTriesOnce_thenSucceeds() {
        play.server.stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(PlayBodies.token("ya29.c.revoked"))).willSetStateTo("second"));
        play.server.stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson(PlayBodies.token("ya29.c.fresh"))));
        play.editsInserted(E1);
        play.edit(E1, track(null));
        play.server.stubFor(post(urlPathEqualTo(APP + "/edits")).withHeader("Authorization", equalTo("Bearer ya29.c.revoked"))
                .willReturn(json(401, PlayBodies.UNAUTHENTICATED)));

        TargetState state = target.enter(TARGET, phase(10), "2.1.0");

        assertEquals("inProgress", state.status());
        List<String> expected = new ArrayList<>(List.of("POST /edits"));
        expected.addAll(PlayWireMock.insertGetPutCommit(E1));
        assertEquals(expected, play.calls());
        assertEquals(2, tokenRequests());
    }

    @Test
    void a401WithAFreshToken_isRefused() {
        play.server.stubFor(post(urlPathEqualTo(APP + "/edits")).willReturn(json(401, PlayBodies.UNAUTHENTICATED)));

        var refused = assertThrows(RolloutTarget.Refused.class, () -> target.enter(TARGET, phase(10), "2.1.0"));

        assertTrue(refused.getMessage().contains("401 authError: Request had invalid authentication credentials"), refused.getMessage());
        assertEquals(List.of("POST /edits", "POST /edits"), play.calls(), "one new token, one more try, no more");
    }

    @Test
    void invalidGrantFromTheTokenEndpoint_isRefused_namingTheServiceAccount_neverTheKey() {
        play.server.stubFor(post(urlPathEqualTo("/token")).willReturn(json(400, PlayBodies.INVALID_GRANT)));

        var refused = assertThrows(RolloutTarget.Refused.class, () -> target.enter(TARGET, phase(10), "2.1.0"));

        String m = refused.getMessage();
        assertTrue(m.contains(ServiceAccountKey.EMAIL), m);
        assertTrue(m.contains("invalid_grant (Invalid JWT Signature.)"), m);
        assertFalse(m.contains("PRIVATE KEY"), m);
        assertFalse(m.contains(PlayWireMock.KEY.privateKeyPem().substring(28, 60)), m);
        assertEquals(List.of(), play.calls());
    }

    // --- refusals

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("403 on the track", get(urlPathEqualTo(APP + "/edits/" + E1 + "/tracks/production")), 403,
                        PlayBodies.PERMISSION, "edits.tracks.get of com.example.vpn: 403 userInsufficientPermission: "
                                + "The current user has insufficient permissions"),
                Arguments.of("404 on insert", post(urlPathEqualTo(APP + "/edits")), 404, PlayBodies.NOT_FOUND,
                        "edits.insert of com.example.vpn: 404 notFound: Package not found: com.example.vpn."),
                Arguments.of("400 on update", put(urlPathEqualTo(APP + "/edits/" + E1 + "/tracks/production")), 400,
                        PlayBodies.INVALID_VALUE, "edits.tracks.update of com.example.vpn: 400 invalidValue: Version code 2100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aClientError_isRefused_withTheApisReasonAndMessage_andNotTriedAgain(String name, MappingBuilder where, int status,
            String body, String expected) {
        play.editsInserted(E1);
        play.edit(E1, track(null));
        play.server.stubFor(where.willReturn(json(status, body)));

        var refused = assertThrows(RolloutTarget.Refused.class, () -> target.enter(TARGET, phase(10), "2.1.0"));

        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
        assertEquals(1, play.calls().stream().filter(c -> c.equals("POST /edits")).count());
    }

    // --- edits invalidated meanwhile

    static Stream<Arguments> invalidations() {
        return Stream.of(
                Arguments.of("409 concurrentUpdate on commit", post(urlPathEqualTo(APP + "/edits/" + E1 + ":commit")), 409,
                        PlayBodies.CONCURRENT, 4),
                Arguments.of("400 edit deleted on update", put(urlPathEqualTo(APP + "/edits/" + E1 + "/tracks/production")), 400,
                        PlayBodies.EDIT_DELETED, 3),
                Arguments.of("410 editDeleted on get", get(urlPathEqualTo(APP + "/edits/" + E1 + "/tracks/production")), 410,
                        PlayBodies.EDIT_DELETED_OLD, 2),
                Arguments.of("400 edit expired on commit", post(urlPathEqualTo(APP + "/edits/" + E1 + ":commit")), 400,
                        PlayBodies.EDIT_EXPIRED, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidations")
    void anEditInvalidatedMeanwhile_isStartedAgainWithAFreshEdit(String name, MappingBuilder where, int status, String body,
            int callsInFirstEdit) {
        play.editsInserted(E1, E2);
        play.edit(E1, track(null));
        play.edit(E2, track(null));
        play.server.stubFor(where.willReturn(json(status, body)));

        TargetState state = target.enter(TARGET, phase(10), "2.1.0");

        List<String> expected = new ArrayList<>(PlayWireMock.insertGetPutCommit(E1).subList(0, callsInFirstEdit));
        expected.addAll(PlayWireMock.insertGetPutCommit(E2));
        assertEquals(expected, play.calls());
        assertEquals(0.1, play.sentTrack(E2).getReleases().get(0).getUserFraction());
        assertEquals("inProgress", state.status());
    }

    @Test
    void editsInvalidatedAgainAndAgain_areUnavailable_afterThreeFreshEdits() {
        play.editsInserted(E1);
        play.edit(E1, track(null));
        play.server.stubFor(post(urlPathEqualTo(APP + "/edits/" + E1 + ":commit")).willReturn(json(409, PlayBodies.CONCURRENT)));

        var unavailable = assertThrows(RolloutTarget.Unavailable.class, () -> target.enter(TARGET, phase(10), "2.1.0"));

        assertTrue(unavailable.getMessage().contains("invalidated 3 edits in a row"), unavailable.getMessage());
        assertTrue(unavailable.getMessage().contains("409 concurrentUpdate"), unavailable.getMessage());
        assertEquals(3, play.calls().stream().filter(c -> c.endsWith(":commit")).count());
    }

    // --- busy or broken

    @Test
    void a429WithRetryAfter_isWaitedOut_thenSucceeds() {
        play.editsInserted(E1);
        play.edit(E1, track(null));
        String get = APP + "/edits/" + E1 + "/tracks/production";
        play.server.stubFor(get(urlPathEqualTo(get)).inScenario("quota").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, PlayBodies.QUOTA).withHeader("Retry-After", "1")).willSetStateTo("refilled"));
        play.server.stubFor(get(urlPathEqualTo(get)).inScenario("quota").whenScenarioStateIs("refilled")
                .willReturn(okJson(track(null))));

        TargetState state = target.enter(TARGET, phase(10), "2.1.0");

        assertEquals("inProgress", state.status());
        List<ServeEvent> gets = play.events().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("GET") && e.getRequest().getUrl().equals(get)).toList();
        assertEquals(2, gets.size());
        long waited = gets.get(1).getRequest().getLoggedDate().getTime() - gets.get(0).getRequest().getLoggedDate().getTime();
        assertTrue(waited >= 900, "Retry-After: 1 honoured, waited " + waited + " ms");
    }

    @Test
    void a500_isRetried_thenSucceeds() {
        play.editsInserted(E1);
        play.edit(E1, track(null));
        String commit = APP + "/edits/" + E1 + ":commit";
        play.server.stubFor(post(urlPathEqualTo(commit)).inScenario("backend").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, PlayBodies.INTERNAL)).willSetStateTo("recovered"));
        play.server.stubFor(post(urlPathEqualTo(commit)).inScenario("backend").whenScenarioStateIs("recovered")
                .willReturn(okJson(PlayBodies.edit(E1))));

        TargetState state = target.enter(TARGET, phase(10), "2.1.0");

        assertEquals("inProgress", state.status());
        List<String> expected = new ArrayList<>(PlayWireMock.insertGetPutCommit(E1));
        expected.add("POST /edits/" + E1 + ":commit");
        assertEquals(expected, play.calls());
    }

    @Test
    void a500Forever_isUnavailable_afterTheRetries() {
        play.server.stubFor(post(urlPathEqualTo(APP + "/edits")).willReturn(json(500, PlayBodies.INTERNAL)));

        var unavailable = assertThrows(RolloutTarget.Unavailable.class, () -> target.enter(TARGET, phase(10), "2.1.0"));

        assertTrue(unavailable.getMessage().contains("answered 500"), unavailable.getMessage());
        assertTrue(unavailable.getMessage().contains("backendError"), unavailable.getMessage());
        assertEquals(List.of("POST /edits", "POST /edits", "POST /edits"), play.calls());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("insert answers a proxy page", post(urlPathEqualTo(APP + "/edits")),
                        aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html><body>Gateway</body></html>"),
                        "edits.insert of com.example.vpn with a body that is not JSON"),
                Arguments.of("insert answers no id", post(urlPathEqualTo(APP + "/edits")), okJson("{\"expiryTimeSeconds\":\"1796120400\"}"),
                        "edits.insert of com.example.vpn with no edit id"),
                Arguments.of("track without its name", get(urlPathEqualTo(APP + "/edits/" + E1 + "/tracks/production")),
                        okJson("{\"releases\":[]}"), "edits.tracks.get of com.example.vpn with no track name"),
                Arguments.of("release without status", get(urlPathEqualTo(APP + "/edits/" + E1 + "/tracks/production")),
                        okJson("{\"track\":\"production\",\"releases\":[{\"versionCodes\":[\"2100\"]}]}"),
                        "edits.tracks.get of com.example.vpn with a release without a status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedSuccessBody_isUnavailable_namingWhatWasMissing(String name, MappingBuilder where,
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer, String expected) {
        play.editsInserted(E1);
        play.edit(E1, track(null));
        play.server.stubFor(where.willReturn(answer));

        var unavailable = assertThrows(RolloutTarget.Unavailable.class, () -> target.observe(TARGET, "2.1.0"));

        assertTrue(unavailable.getMessage().contains(expected), unavailable.getMessage());
    }

    @Test
    void retriesUseThePolicysAttempts() {
        GooglePlayTarget once = play.target(new dev.ringmaster.adapters.http.Http.Policy(1, Duration.ofMillis(1),
                Duration.ofSeconds(1), Duration.ofSeconds(5)));
        play.server.stubFor(post(urlPathEqualTo(APP + "/edits")).willReturn(json(503, PlayBodies.INTERNAL)));

        assertThrows(RolloutTarget.Unavailable.class, () -> once.observe(TARGET, "2.1.0"));

        assertEquals(List.of("POST /edits"), play.calls());
    }
}
