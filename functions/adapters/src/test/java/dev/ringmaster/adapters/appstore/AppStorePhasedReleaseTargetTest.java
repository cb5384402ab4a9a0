package dev.ringmaster.adapters.appstore;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.appStore;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.json;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.percent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppStorePhasedReleaseTargetTest {
    static final String VERSIONS = "/v1/apps/1234567890/appStoreVersions";
    static final String FIND = VERSIONS + "?filter%5BversionString%5D=1.4.0&filter%5Bplatform%5D=IOS&include=appStoreVersionPhasedRelease";
    static final String RELEASE = "/v1/appStoreVersionPhasedReleases/0e8e3c3a-6b1d-4f6c-9c3e-2f7a1b5d9e01";

    private final AppStoreConnectFixture asc = new AppStoreConnectFixture();
    private final AppStorePhasedReleaseTarget target = new AppStorePhasedReleaseTarget(asc.api(), asc.clock);

    @AfterEach
    void stop() {
        asc.close();
    }

    @Test
    void startingCreatesThePhasedReleaseAndReleasesTheApprovedVersion() {
        asc.server.stubFor(get(urlPathEqualTo(VERSIONS)).willReturn(okJson(version("PENDING_DEVELOPER_RELEASE", null))));
        asc.server.stubFor(post(urlPathEqualTo("/v1/appStoreVersionPhasedReleases"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":" + phased("INACTIVE", 0, null, 0) + ",\"links\":{\"self\":\"https://api.appstoreconnect.apple.com" + RELEASE + "\"}}")));
        asc.server.stubFor(post(urlPathEqualTo("/v1/appStoreVersionReleaseRequests"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"type":"appStoreVersionReleaseRequests","id":"7f1b7c1e-2d3c-4a5b-8c9d-0e1f2a3b4c5d",
                        "links":{"self":"https://api.appstoreconnect.apple.com/v1/appStoreVersionReleaseRequests/7f1b7c1e"}},
                        "links":{"self":"https://api.appstoreconnect.apple.com/v1/appStoreVersionReleaseRequests"}}""")));

        TargetState s = target.enter(appStore(), percent(1), "1.4.0");

        assertEquals(List.of("GET " + FIND, "POST /v1/appStoreVersionPhasedReleases", "POST /v1/appStoreVersionReleaseRequests"), asc.calls());
        assertEquals(json("""
                {"data":{"type":"appStoreVersionPhasedReleases","attributes":{"phasedReleaseState":"INACTIVE"},
                 "relationships":{"appStoreVersion":{"data":{"type":"appStoreVersions","id":"e8ab2c3d-5f4e-4d3c-a2b1-0c9d8e7f6a5b"}}}}}"""),
                asc.body("POST", "/v1/appStoreVersionPhasedReleases"));
        assertEquals(json("""
                {"data":{"type":"appStoreVersionReleaseRequests",
                 "relationships":{"appStoreVersion":{"data":{"type":"appStoreVersions","id":"e8ab2c3d-5f4e-4d3c-a2b1-0c9d8e7f6a5b"}}}}}"""),
                asc.body("POST", "/v1/appStoreVersionReleaseRequests"));
        assertEquals("INACTIVE", s.status());
        assertTrue(s.detail().startsWith("version released: Apple starts the phased release at day 1 (1%)"), s.detail());
    }

    /** Each call reads the release and PATCHes only a state that differs: a repeated tick changes nothing twice. */
    @ParameterizedTest(name = "{0} on {1} → {2}")
    @CsvSource({
            "enter,    PAUSED,   ACTIVE",
            "enter,    ACTIVE,   ",
            "resume,   PAUSED,   ACTIVE",
            "halt,     ACTIVE,   PAUSED",
            "halt,     PAUSED,   ",
            "halt,     INACTIVE, ",
            "rollback, ACTIVE,   PAUSED",
            "complete, ACTIVE,   COMPLETE",
            "complete, PAUSED,   COMPLETE",
            "complete, COMPLETE, ",
    })
    void aCallSetsTheStateItNamesOnce(String call, String before, String after) {
        stubVersion(before, 3, 0);
        stubPatch(after == null ? before : after);

        TargetState s = call(call).apply(percent(5));

        List<String> expected = after == null ? List.of("GET " + FIND) : List.of("GET " + FIND, "PATCH " + RELEASE);
        assertEquals(expected, asc.calls());
        if (after != null) {
            assertEquals(json("""
                    {"data":{"type":"appStoreVersionPhasedReleases","id":"0e8e3c3a-6b1d-4f6c-9c3e-2f7a1b5d9e01",
                     "attributes":{"phasedReleaseState":"%s"}}}""".formatted(after)), asc.body("PATCH", RELEASE));
        }
        assertEquals(after == null ? before : after, s.status());
    }

    @Test
    void rollbackPausesAndSaysIosCannotTakeTheVersionBack() {
        stubVersion("ACTIVE", 4, 0);
        stubPatch("PAUSED");

        TargetState s = target.rollback(appStore(), percent(10), "1.4.0");

        assertTrue(s.detail().startsWith(AppStorePhasedReleaseTarget.NO_WITHDRAWAL), s.detail());
        assertEquals("iOS has no rollback: the phased release is paused, users who have the version keep it; ship a hotfix",
                AppStorePhasedReleaseTarget.NO_WITHDRAWAL, "the simulator's words");
    }

    /** Apple's day 3 is 5 %; its next day would be 10 %. */
    @ParameterizedTest(name = "{0} at day {1}, phase {2}% → paused: {3}")
    @CsvSource({
            "ACTIVE, 3, 5,   true",
            "ACTIVE, 4, 5,   true",
            "ACTIVE, 3, 10,  false",
            "ACTIVE, 2, 5,   false",
            "ACTIVE, 6, 100, false",
            "PAUSED, 3, 5,   false",
            "PAUSED, 2, 10,  false",
    })
    void holdPausesBeforeAppleSchedulePassesThePhaseAudienceAndResumesNothing(String state, int day, double audience, boolean pauses) {
        stubVersion(state, day, 0);
        stubPatch("PAUSED", day);

        TargetState s = target.hold(appStore(), percent(audience), "1.4.0");

        assertEquals(pauses ? List.of("GET " + FIND, "PATCH " + RELEASE) : List.of("GET " + FIND), asc.calls());
        assertEquals(pauses ? "PAUSED" : state, s.status());
        assertEquals(PhasedRelease.SCHEDULE.get(day - 1), (int) s.percent());
    }

    @Test
    void holdDoesNotPausePastThe30DayLimitAndSaysTheAudienceMovesOn() {
        stubVersion("ACTIVE", 3, 30);

        TargetState s = target.hold(appStore(), percent(5), "1.4.0");

        assertEquals(List.of("GET " + FIND), asc.calls(), "no PATCH");
        assertEquals("ACTIVE", s.status());
        assertTrue(s.detail().startsWith("the 30-day pause limit is reached: not paused; the audience moves on with Apple's schedule (next day 10%, beyond 5%)"),
                s.detail());
    }

    @Test
    void pauseTimeNotYetReportedIsCountedFromTheStartDate() {
        // started 33 days ago, on its third day: 30 of those days were paused, whatever totalPauseDuration says
        asc.server.stubFor(get(urlPathEqualTo(VERSIONS)).willReturn(okJson(version("READY_FOR_SALE",
                phased("ACTIVE", 3, "2026-04-01T08:00:00.000+0000", 0)))));

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> target.halt(appStore(), percent(5), "1.4.0"));

        assertTrue(e.getMessage().endsWith(AppStorePhasedReleaseTarget.PAUSES_USED), e.getMessage());
        assertEquals(List.of("GET " + FIND), asc.calls());
    }

    @Test
    void aCompletedReleaseRefusesAPhaseBelowEveryoneAndKeepsAPhaseOfEveryone() {
        stubVersion("COMPLETE", 7, 0);

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> target.enter(appStore(), percent(10), "1.4.0"));
        TargetState all = target.enter(appStore(), percent(100), "1.4.0");

        assertTrue(e.getMessage().endsWith("10%: " + AppStorePhasedReleaseTarget.COMPLETE_ALREADY), e.getMessage());
        assertEquals(100, all.percent());
        assertEquals(List.of("GET " + FIND, "GET " + FIND), asc.calls());
    }

    @Test
    void appleRefusingTheStateChangeIsRefusedWithItsReason() {
        stubVersion("PAUSED", 2, 0);
        asc.server.stubFor(patch(urlPathEqualTo(RELEASE)).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody(AppStoreConnectFixture.error(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.",
                        "The phased release cannot be resumed while the version is removed from sale."))));

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> target.enter(appStore(), percent(5), "1.4.0"));

        assertEquals("App Store Connect refused PATCH " + RELEASE + ": 409 ENTITY_ERROR.ATTRIBUTE.INVALID: "
                + "The phased release cannot be resumed while the version is removed from sale.", e.getMessage());
    }

    @Test
    void observeReportsApplePercentFromTheDayNumber() {
        stubVersion("ACTIVE", 5, 2);

        TargetState s = target.observe(appStore(), "1.4.0");

        assertEquals(new TargetState("ACTIVE", 20, "ACTIVE, day 5, 20%, paused 2 of 30 days"), s);
    }

    private Function<dev.ringmaster.core.plan.Phase, TargetState> call(String name) {
        return switch (name) {
            case "enter" -> p -> target.enter(appStore(), p, "1.4.0");
            case "resume" -> p -> target.resume(appStore(), p, "1.4.0");
            case "halt" -> p -> target.halt(appStore(), p, "1.4.0");
            case "rollback" -> p -> target.rollback(appStore(), p, "1.4.0");
            case "complete" -> p -> target.complete(appStore(), "1.4.0");
            default -> throw new IllegalArgumentException(name);
        };
    }

    private void stubVersion(String state, int day, int pauseDays) {
        asc.server.stubFor(get(urlPathEqualTo(VERSIONS)).willReturn(okJson(version("READY_FOR_SALE",
                phased(state, day, "2026-05-04T08:00:00.000+0000", pauseDays)))));
    }

    private void stubPatch(String state) {
        stubPatch(state, 3);
    }

    private void stubPatch(String state, int day) {
        asc.server.stubFor(patch(urlPathEqualTo(RELEASE)).willReturn(okJson("{\"data\":" + phased(state, day, "2026-05-04T08:00:00.000+0000", 0)
                + ",\"links\":{\"self\":\"https://api.appstoreconnect.apple.com" + RELEASE + "\"}}")));
    }

    /** GET /v1/apps/{id}/appStoreVersions?include=appStoreVersionPhasedRelease, as App Store Connect answers it. */
    static String version(String appStoreState, String phasedRelease) {
        String relationship = phasedRelease == null ? "{\"links\":{\"self\":\"…\"}}"
                : "{\"data\":{\"type\":\"appStoreVersionPhasedReleases\",\"id\":\"0e8e3c3a-6b1d-4f6c-9c3e-2f7a1b5d9e01\"}}";
        return """
                {"data":[{"type":"appStoreVersions","id":"e8ab2c3d-5f4e-4d3c-a2b1-0c9d8e7f6a5b",
                  "attributes":{"platform":"IOS","versionString":"1.4.0","appStoreState":"%s","appVersionState":"READY_FOR_DISTRIBUTION",
                    "releaseType":"MANUAL","createdDate":"2026-04-20T09:12:44.000-07:00","downloadable":true},
                  "relationships":{"appStoreVersionPhasedRelease":%s},
                  "links":{"self":"https://api.appstoreconnect.apple.com/v1/appStoreVersions/e8ab2c3d-5f4e-4d3c-a2b1-0c9d8e7f6a5b"}}],
                 %s
                 "links":{"self":"https://api.appstoreconnect.apple.com/v1/apps/1234567890/appStoreVersions"},
                 "meta":{"paging":{"total":1,"limit":50}}}"""
                .formatted(appStoreState, relationship, phasedRelease == null ? "" : "\"included\":[" + phasedRelease + "],");
    }

    static String phased(String state, int day, String startDate, int pauseDays) {
        return """
                {"type":"appStoreVersionPhasedReleases","id":"0e8e3c3a-6b1d-4f6c-9c3e-2f7a1b5d9e01",
                 "attributes":{"phasedReleaseState":"%s","startDate":%s,"totalPauseDuration":%d,"currentDayNumber":%d},
                 "links":{"self":"https://api.appstoreconnect.apple.com%s"}}"""
                .formatted(state, startDate == null ? "null" : "\"" + startDate + "\"", pauseDays, day, RELEASE);
    }
}
