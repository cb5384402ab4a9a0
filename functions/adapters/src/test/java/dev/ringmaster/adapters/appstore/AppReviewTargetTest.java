package dev.ringmaster.adapters.appstore;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.appReview;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.json;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.percent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppReviewTargetTest {
    static final String VERSION_ID = "e8ab2c3d-5f4e-4d3c-a2b1-0c9d8e7f6a5b";
    static final String FIND = "GET " + AppStorePhasedReleaseTargetTest.FIND;
    static final String OPEN = "GET /v1/reviewSubmissions?filter%5Bapp%5D=1234567890&filter%5Bplatform%5D=IOS"
            + "&filter%5Bstate%5D=READY_FOR_REVIEW%2CWAITING_FOR_REVIEW%2CIN_REVIEW%2CUNRESOLVED_ISSUES%2CCANCELING%2CCOMPLETING&include=appStoreVersionForReview";
    static final String ALL = "GET /v1/reviewSubmissions?filter%5Bapp%5D=1234567890&filter%5Bplatform%5D=IOS&include=appStoreVersionForReview";

    private final AppStoreConnectFixture asc = new AppStoreConnectFixture();
    private final AppReviewTarget target = new AppReviewTarget(asc.api());

    @AfterEach
    void stop() {
        asc.close();
    }

    @Test
    void enteringCreatesASubmissionAddsTheVersionAndSubmitsIt() {
        stubVersion("PREPARE_FOR_SUBMISSION");
        stubOpen("[]");
        asc.server.stubFor(post(urlPathEqualTo("/v1/reviewSubmissions")).willReturn(created(submission("s-1", "READY_FOR_REVIEW", null))));
        asc.server.stubFor(post(urlPathEqualTo("/v1/reviewSubmissionItems")).willReturn(created("""
                {"data":{"type":"reviewSubmissionItems","id":"i-1","attributes":{"state":"READY_FOR_REVIEW"}}}""")));
        asc.server.stubFor(patch(urlPathEqualTo("/v1/reviewSubmissions/s-1")).willReturn(okJson(submission("s-1", "WAITING_FOR_REVIEW", VERSION_ID))));

        TargetState s = target.enter(appReview(), percent(100), "1.4.0");

        assertEquals(List.of(FIND, OPEN, "POST /v1/reviewSubmissions", "POST /v1/reviewSubmissionItems", "PATCH /v1/reviewSubmissions/s-1"), asc.calls());
        assertEquals(json("""
                {"data":{"type":"reviewSubmissions","attributes":{"platform":"IOS"},
                 "relationships":{"app":{"data":{"type":"apps","id":"1234567890"}}}}}"""), asc.body("POST", "/v1/reviewSubmissions"));
        assertEquals(json("""
                {"data":{"type":"reviewSubmissionItems","relationships":{
                 "reviewSubmission":{"data":{"type":"reviewSubmissions","id":"s-1"}},
                 "appStoreVersion":{"data":{"type":"appStoreVersions","id":"%s"}}}}}""".formatted(VERSION_ID)), asc.body("POST", "/v1/reviewSubmissionItems"));
        assertEquals(json("{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\"s-1\",\"attributes\":{\"submitted\":true}}}"),
                asc.body("PATCH", "/v1/reviewSubmissions/s-1"));
        assertEquals("WAITING_FOR_REVIEW", s.status());
    }

    @Test
    void anOpenSubmissionForTheVersionIsReusedNeverASecond() {
        stubVersion("WAITING_FOR_REVIEW");
        stubOpen("[" + resource("s-1", "WAITING_FOR_REVIEW", VERSION_ID) + "]");

        TargetState s = target.enter(appReview(), percent(100), "1.4.0");

        assertEquals(List.of(FIND, OPEN), asc.calls());
        assertEquals("WAITING_FOR_REVIEW", s.status());
    }

    @Test
    void anApprovedVersionIsNotSubmittedAgain() {
        stubVersion("PENDING_DEVELOPER_RELEASE");
        stubOpen("[]");

        TargetState s = target.enter(appReview(), percent(100), "1.4.0");

        assertEquals(List.of(FIND, OPEN), asc.calls());
        assertEquals("PENDING_DEVELOPER_RELEASE", s.status());
    }

    @Test
    void haltCancelsASubmissionNotYetReviewed() {
        stubVersion("WAITING_FOR_REVIEW");
        stubOpen("[" + resource("s-1", "WAITING_FOR_REVIEW", VERSION_ID) + "]");
        asc.server.stubFor(patch(urlPathEqualTo("/v1/reviewSubmissions/s-1")).willReturn(okJson(submission("s-1", "CANCELING", VERSION_ID))));

        TargetState s = target.halt(appReview(), percent(100), "1.4.0");

        assertEquals(List.of(FIND, OPEN, "PATCH /v1/reviewSubmissions/s-1"), asc.calls());
        assertEquals(json("{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\"s-1\",\"attributes\":{\"canceled\":true}}}"),
                asc.body("PATCH", "/v1/reviewSubmissions/s-1"));
        assertEquals("CANCELING", s.status());
    }

    @Test
    void aReviewedVersionCannotBeCanceled() {
        stubVersion("READY_FOR_SALE");
        stubOpen("[]");

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> target.rollback(appReview(), percent(100), "1.4.0"));

        assertTrue(e.getMessage().endsWith("is already COMPLETE: it cannot be canceled"), e.getMessage());
    }

    @Test
    void observeFollowsTheReviewAndTheVersionState() {
        stubVersion("IN_REVIEW");
        asc.server.stubFor(get(urlPathEqualTo("/v1/reviewSubmissions")).withQueryParam("filter[state]", absent()).willReturn(okJson(list("["
                + resource("s-0", "COMPLETE", VERSION_ID).replace("2026-05-04", "2026-04-01") + ","
                + resource("s-1", "IN_REVIEW", VERSION_ID) + "]"))));

        TargetState s = target.observe(appReview(), "1.4.0");

        assertEquals(List.of(FIND, ALL), asc.calls());
        assertEquals("IN_REVIEW", s.status());
        assertEquals("review submission s-1 IN_REVIEW, IOS version 1.4.0 IN_REVIEW", s.detail());
    }

    private void stubVersion(String appStoreState) {
        asc.server.stubFor(get(urlPathEqualTo(AppStorePhasedReleaseTargetTest.VERSIONS))
                .willReturn(okJson(AppStorePhasedReleaseTargetTest.version(appStoreState, null))));
    }

    private void stubOpen(String data) {
        asc.server.stubFor(get(urlPathEqualTo("/v1/reviewSubmissions")).withQueryParam("filter[state]", WireMock.matching(".+"))
                .willReturn(okJson(list(data))));
    }

    private static String submission(String id, String state, String versionId) {
        return "{\"data\":" + resource(id, state, versionId) + ",\"links\":{\"self\":\"https://api.appstoreconnect.apple.com/v1/reviewSubmissions/" + id + "\"}}";
    }

    private static String resource(String id, String state, String versionId) {
        String forReview = versionId == null ? "{\"links\":{\"self\":\"…\"}}" : "{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"" + versionId + "\"}}";
        return """
                {"type":"reviewSubmissions","id":"%s","attributes":{"platform":"IOS","state":"%s","submittedDate":"2026-05-04T08:00:00.000+0000"},
                 "relationships":{"app":{"data":{"type":"apps","id":"1234567890"}},"appStoreVersionForReview":%s}}"""
                .formatted(id, state, forReview);
    }

    private static String list(String data) {
        return "{\"data\":" + data + ",\"links\":{\"self\":\"https://api.appstoreconnect.apple.com/v1/reviewSubmissions\"},\"meta\":{\"paging\":{\"total\":1,\"limit\":200}}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String body) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body);
    }
}
