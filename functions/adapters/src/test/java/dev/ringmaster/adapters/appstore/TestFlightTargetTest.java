package dev.ringmaster.adapters.appstore;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.groups;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.json;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.testFlight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestFlightTargetTest {
    static final String BUILD = "b7c1d2e3-4f50-4a6b-8c7d-9e0f1a2b3c4d";
    static final String BUILDS_BY_NUMBER = "GET /v1/builds?filter%5Bapp%5D=1234567890&filter%5Bversion%5D=2100&sort=-uploadedDate&limit=1&include=buildBetaDetail";
    static final String EMPLOYEES = "GET /v1/betaGroups?filter%5Bapp%5D=1234567890&filter%5Bname%5D=Employees";
    static final String PUBLIC = "GET /v1/betaGroups?filter%5Bapp%5D=1234567890&filter%5Bname%5D=Public%20Beta";
    static final String REVIEW = "GET /v1/betaAppReviewSubmissions?filter%5Bbuild%5D=" + BUILD;
    static final String GROUPS_WITH_BUILD = "GET /v1/betaGroups?filter%5Bapp%5D=1234567890&filter%5Bbuilds%5D=" + BUILD;

    private final AppStoreConnectFixture asc = new AppStoreConnectFixture();
    private final TestFlightTarget target = new TestFlightTarget(asc.api());

    @AfterEach
    void stop() {
        asc.close();
    }

    @Test
    void enteringSetsWhatToTestAddsTheBuildToEachGroupAndSubmitsExternalOnesForBetaReviewOnce() {
        stubBuild("VALID");
        stubGroups();
        asc.server.stubFor(post(urlPathEqualTo("/v1/betaBuildLocalizations")).willReturn(created("""
                {"data":{"type":"betaBuildLocalizations","id":"l-1","attributes":{"whatsNew":"Try the new connect flow","locale":"en-US"}}}""")));
        asc.server.stubFor(post(urlPathEqualTo("/v1/betaGroups/g-int/relationships/builds")).willReturn(aResponse().withStatus(204)));
        asc.server.stubFor(post(urlPathEqualTo("/v1/betaGroups/g-ext/relationships/builds")).willReturn(aResponse().withStatus(204)));
        asc.server.stubFor(get(urlPathEqualTo("/v1/betaAppReviewSubmissions")).willReturn(okJson(list("[]"))));
        asc.server.stubFor(post(urlPathEqualTo("/v1/betaAppReviewSubmissions")).willReturn(created("""
                {"data":{"type":"betaAppReviewSubmissions","id":"r-1","attributes":{"betaReviewState":"WAITING_FOR_REVIEW",
                 "submittedDate":"2026-05-04T08:00:01.000+0000"}}}""")));

        TargetState s = target.enter(testFlight(Map.of("appId", "1234567890", "betaGroups", List.of("Employees", "Public Beta"),
                "whatToTest", "Try the new connect flow")), groups(), "2100");

        assertEquals(List.of(BUILDS_BY_NUMBER, "POST /v1/betaBuildLocalizations",
                EMPLOYEES, "POST /v1/betaGroups/g-int/relationships/builds",
                PUBLIC, "POST /v1/betaGroups/g-ext/relationships/builds",
                REVIEW, "POST /v1/betaAppReviewSubmissions", GROUPS_WITH_BUILD), asc.calls());
        assertEquals(json("""
                {"data":{"type":"betaBuildLocalizations","attributes":{"locale":"en-US","whatsNew":"Try the new connect flow"},
                 "relationships":{"build":{"data":{"type":"builds","id":"%s"}}}}}""".formatted(BUILD)), asc.body("POST", "/v1/betaBuildLocalizations"));
        assertEquals(json("{\"data\":[{\"type\":\"builds\",\"id\":\"" + BUILD + "\"}]}"), asc.body("POST", "/v1/betaGroups/g-ext/relationships/builds"));
        assertEquals(json("{\"data\":{\"type\":\"betaAppReviewSubmissions\",\"relationships\":{\"build\":{\"data\":{\"type\":\"builds\",\"id\":\""
                + BUILD + "\"}}}}}"), asc.body("POST", "/v1/betaAppReviewSubmissions"));
        assertEquals("IN_BETA_TESTING", s.status());
        assertTrue(s.detail().contains("in beta groups Employees, Public Beta") && s.detail().contains("beta review WAITING_FOR_REVIEW"), s.detail());
    }

    @Test
    void aBuildAlreadySubmittedIsNotSubmittedAgainAndAnExistingLocaleIsChanged() {
        stubBuild("VALID");
        stubGroups();
        asc.server.stubFor(post(urlPathEqualTo("/v1/betaBuildLocalizations")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody(AppStoreConnectFixture.error(409, "ENTITY_ERROR.DUPLICATE",
                        "The provided entity includes a duplicate value", "A localization for en-US already exists for this build."))));
        asc.server.stubFor(get(urlPathEqualTo("/v1/betaBuildLocalizations")).withQueryParam("filter[locale]", equalTo("en-US")).willReturn(okJson(list("""
                [{"type":"betaBuildLocalizations","id":"l-9","attributes":{"whatsNew":"old text","locale":"en-US"}}]"""))));
        asc.server.stubFor(patch(urlPathEqualTo("/v1/betaBuildLocalizations/l-9")).willReturn(okJson("""
                {"data":{"type":"betaBuildLocalizations","id":"l-9","attributes":{"whatsNew":"new text","locale":"en-US"}}}""")));
        asc.server.stubFor(post(urlPathEqualTo("/v1/betaGroups/g-ext/relationships/builds")).willReturn(aResponse().withStatus(204)));
        asc.server.stubFor(get(urlPathEqualTo("/v1/betaAppReviewSubmissions")).willReturn(okJson(list("""
                [{"type":"betaAppReviewSubmissions","id":"r-1","attributes":{"betaReviewState":"APPROVED","submittedDate":"2026-05-03T08:00:00.000+0000"}}]"""))));

        target.enter(testFlight(Map.of("appId", "1234567890", "betaGroup", "Public Beta", "whatToTest", "new text")), groups(), "2100");

        assertEquals(List.of(BUILDS_BY_NUMBER, "POST /v1/betaBuildLocalizations",
                "GET /v1/betaBuildLocalizations?filter%5Bbuild%5D=" + BUILD + "&filter%5Blocale%5D=en-US", "PATCH /v1/betaBuildLocalizations/l-9",
                PUBLIC, "POST /v1/betaGroups/g-ext/relationships/builds", REVIEW, GROUPS_WITH_BUILD), asc.calls());
        assertEquals(json("{\"data\":{\"type\":\"betaBuildLocalizations\",\"id\":\"l-9\",\"attributes\":{\"whatsNew\":\"new text\"}}}"),
                asc.body("PATCH", "/v1/betaBuildLocalizations/l-9"));
    }

    @Test
    void aBuildStillProcessingIsUnavailableAndNothingChanges() {
        stubBuild("PROCESSING");

        RolloutTarget.Unavailable e = assertThrows(RolloutTarget.Unavailable.class,
                () -> target.enter(testFlight(Map.of("appId", "1234567890", "betaGroup", "Employees")), groups(), "2100"));

        assertTrue(e.getMessage().endsWith("build still processing"), e.getMessage());
        assertEquals(List.of(BUILDS_BY_NUMBER), asc.calls());
    }

    @Test
    void haltTakesTheBuildOutOfThePhaseGroupsAndSaysTestersStopGettingIt() {
        stubBuild("VALID");
        stubGroups();
        asc.server.stubFor(delete(urlPathEqualTo("/v1/betaGroups/g-ext/relationships/builds")).willReturn(aResponse().withStatus(204)));

        TargetState s = target.halt(testFlight(Map.of("appId", "1234567890", "betaGroups", List.of("Employees"))), groups("Public Beta"), "2100");

        assertEquals(List.of(BUILDS_BY_NUMBER, PUBLIC, "DELETE /v1/betaGroups/g-ext/relationships/builds", GROUPS_WITH_BUILD), asc.calls());
        assertEquals(json("{\"data\":[{\"type\":\"builds\",\"id\":\"" + BUILD + "\"}]}"), asc.body("DELETE", "/v1/betaGroups/g-ext/relationships/builds"));
        assertTrue(s.detail().contains("their testers stop getting it"), s.detail());
    }

    private void stubBuild(String processingState) {
        asc.server.stubFor(get(urlPathEqualTo("/v1/builds")).withQueryParam("filter[version]", equalTo("2100")).willReturn(okJson("""
                {"data":[{"type":"builds","id":"%s","attributes":{"version":"2100","uploadedDate":"2026-05-03T17:40:12.000-07:00",
                  "expirationDate":"2026-08-01T17:40:12.000-07:00","expired":false,"minOsVersion":"16.0","processingState":"%s",
                  "usesNonExemptEncryption":false},
                  "relationships":{"buildBetaDetail":{"data":{"type":"buildBetaDetails","id":"%s"}}}}],
                 "included":[{"type":"buildBetaDetails","id":"%s","attributes":{"autoNotifyEnabled":true,
                  "internalBuildState":"IN_BETA_TESTING","externalBuildState":"READY_FOR_BETA_SUBMISSION"}}],
                 "links":{"self":"https://api.appstoreconnect.apple.com/v1/builds"},"meta":{"paging":{"total":1,"limit":1}}}"""
                .formatted(BUILD, processingState, BUILD, BUILD))));
    }

    private void stubGroups() {
        asc.server.stubFor(get(urlPathEqualTo("/v1/betaGroups")).withQueryParam("filter[name]", equalTo("Employees")).willReturn(okJson(list("""
                [{"type":"betaGroups","id":"g-int","attributes":{"name":"Employees","isInternalGroup":true,"hasAccessToAllBuilds":false,
                  "publicLinkEnabled":false,"createdDate":"2025-01-10T10:00:00.000+0000"}}]"""))));
        asc.server.stubFor(get(urlPathEqualTo("/v1/betaGroups")).withQueryParam("filter[name]", equalTo("Public Beta")).willReturn(okJson(list("""
                [{"type":"betaGroups","id":"g-ext","attributes":{"name":"Public Beta","isInternalGroup":false,"hasAccessToAllBuilds":false,
                  "publicLinkEnabled":true,"publicLink":"https://testflight.apple.com/join/AbCdEf12","createdDate":"2025-01-10T10:00:00.000+0000"}}]"""))));
        asc.server.stubFor(get(urlPathEqualTo("/v1/betaGroups")).withQueryParam("filter[builds]", equalTo(BUILD)).willReturn(okJson(list("""
                [{"type":"betaGroups","id":"g-int","attributes":{"name":"Employees","isInternalGroup":true}},
                 {"type":"betaGroups","id":"g-ext","attributes":{"name":"Public Beta","isInternalGroup":false}}]"""))));
    }

    private static String list(String data) {
        return "{\"data\":" + data + ",\"links\":{\"self\":\"https://api.appstoreconnect.apple.com/v1/x\"},\"meta\":{\"paging\":{\"total\":1,\"limit\":200}}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String body) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body);
    }
}
