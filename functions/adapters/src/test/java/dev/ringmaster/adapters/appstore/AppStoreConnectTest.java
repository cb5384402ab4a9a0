package dev.ringmaster.adapters.appstore;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ringmaster.adapters.appstore.AppStoreConnectFixture.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.ringmaster.core.port.RolloutTarget;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppStoreConnectTest {
    private static final String APPS = "/v1/apps/1234567890/appStoreVersions";
    private static final String ONE_VERSION = """
            {"data":[{"type":"appStoreVersions","id":"e8ab2c3d","attributes":{"platform":"IOS","versionString":"1.4.0",
            "appStoreState":"READY_FOR_SALE"}}],"links":{"self":"https://api.appstoreconnect.apple.com/v1/apps/1234567890/appStoreVersions"},
            "meta":{"paging":{"total":1,"limit":200}}}""";

    private final AppStoreConnectFixture asc = new AppStoreConnectFixture();
    private final AppStoreConnect api = asc.api();

    @AfterEach
    void stop() {
        asc.close();
    }

    @Test
    void everyCallCarriesAnEs256TokenAppleAccepts() throws Exception {
        asc.server.stubFor(get(urlPathEqualTo(APPS)).willReturn(okJson(ONE_VERSION)));

        api.get(APPS);

        SignedJWT jwt = SignedJWT.parse(bearer(0));
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertEquals(AppStoreConnectFixture.KEY_ID, jwt.getHeader().getKeyID());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        assertEquals(AppStoreConnectFixture.ISSUER, jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of("appstoreconnect-v1"), jwt.getJWTClaimsSet().getAudience());
        assertEquals(asc.clock.instant(), jwt.getJWTClaimsSet().getIssueTime().toInstant());
        long lifetime = (jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime()) / 1000;
        assertTrue(lifetime > 0 && lifetime <= 1200, "exp - iat = " + lifetime + " s, Apple allows at most 1200");
        assertTrue(jwt.verify(new ECDSAVerifier((ECPublicKey) asc.keys.getPublic())), "signed with the team key");
    }

    @Test
    void oneTokenServesCallsUntilTwoMinutesRemainThenANewOneIsMinted() throws Exception {
        asc.server.stubFor(get(urlPathEqualTo(APPS)).willReturn(okJson(ONE_VERSION)));

        api.get(APPS);
        asc.clock.advance(Duration.ofMinutes(17).plusSeconds(59));
        api.get(APPS);
        asc.clock.advance(Duration.ofSeconds(2));
        api.get(APPS);

        assertEquals(bearer(0), bearer(1), "reused while more than 2 minutes remain");
        assertNotEquals(bearer(1), bearer(2), "re-minted with less than 2 minutes left");
        assertEquals(asc.clock.instant(), SignedJWT.parse(bearer(2)).getJWTClaimsSet().getIssueTime().toInstant());
    }

    @Test
    void aRefusedTokenIsMintedAfreshAndTheCallTriedOnce() {
        asc.server.stubFor(get(urlPathEqualTo(APPS)).inScenario("401").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(error(401, "NOT_AUTHORIZED", "Authentication credentials are missing or invalid.",
                                "Provide a properly configured and signed bearer token, and make sure that it has not expired.")))
                .willSetStateTo("fresh"));
        asc.server.stubFor(get(urlPathEqualTo(APPS)).inScenario("401").whenScenarioStateIs("fresh").willReturn(okJson(ONE_VERSION)));

        assertEquals("e8ab2c3d", api.get(APPS).path("data").path(0).path("id").asText());
        assertEquals(2, asc.calls().size());
        assertNotEquals(bearer(0), bearer(1), "the second try carries a new token");
    }

    @Test
    void aTokenRefusedTwiceIsRefusedWithAppleReasonAndNoToken() {
        asc.server.stubFor(get(urlPathEqualTo(APPS)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(error(401, "NOT_AUTHORIZED", "Authentication credentials are missing or invalid.", "The token has expired."))));

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> api.get(APPS));

        assertTrue(e.getMessage().contains("401 NOT_AUTHORIZED: The token has expired."), e.getMessage());
        assertFalse(e.getMessage().contains(bearer(0)), "never the token");
        assertEquals(2, asc.calls().size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "403|FORBIDDEN_ERROR|This request is forbidden for security reasons|The API key in use does not allow this request",
            "404|NOT_FOUND|The specified resource does not exist|There is no resource of type 'apps' with id '1234567890'",
            "409|ENTITY_ERROR.ATTRIBUTE.INVALID|An attribute value is invalid.|You cannot update phasedReleaseState to ACTIVE",
            "422|ENTITY_UNPROCESSABLE|The request entity is not processable|The version is not in a valid state",
    })
    void aRefusalIsRefusedOnceWithTheCodeAndDetail(int status, String code, String title, String detail) {
        asc.server.stubFor(get(urlPathEqualTo(APPS)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(error(status, code, title, detail))));

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> api.get(APPS));

        assertEquals("App Store Connect refused GET " + APPS + ": " + status + " " + code + ": " + detail, e.getMessage());
        assertEquals(1, asc.calls().size(), "never retried");
    }

    @Test
    void aRateLimitIsWaitedOutAndTheCallGoesThrough() {
        asc.server.stubFor(get(urlPathEqualTo(APPS)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("X-Rate-Limit", "user-hour-lim:3500;user-hour-rem:0;")
                        .withBody(error(429, "RATE_LIMIT_EXCEEDED", "The request rate limit has been reached.",
                                "We've received too many requests for this API. Please wait and try again or slow down your request rate.")))
                .willSetStateTo("waited"));
        asc.server.stubFor(get(urlPathEqualTo(APPS)).inScenario("429").whenScenarioStateIs("waited").willReturn(okJson(ONE_VERSION)));

        assertEquals("e8ab2c3d", api.get(APPS).path("data").path(0).path("id").asText());
        assertEquals(2, asc.calls().size());
    }

    @Test
    void aServerThatKeepsFailingIsUnavailableAfterTheRetries() {
        asc.server.stubFor(get(urlPathEqualTo(APPS)).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody(error(500, "UNEXPECTED_ERROR", "An unexpected error occurred.", "An unexpected error occurred on the server side."))));

        RolloutTarget.Unavailable e = assertThrows(RolloutTarget.Unavailable.class, () -> api.get(APPS));

        assertTrue(e.getMessage().contains("500"), e.getMessage());
        assertEquals(AppStoreConnectFixture.FAST.attempts(), asc.calls().size());
    }

    @Test
    void anAnswerThatIsNotJsonIsUnavailableNotTakenForData() {
        asc.server.stubFor(get(urlPathEqualTo(APPS)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Service temporarily down for maintenance</body></html>")));

        RolloutTarget.Unavailable e = assertThrows(RolloutTarget.Unavailable.class, () -> api.get(APPS));

        assertTrue(e.getMessage().contains("not JSON") && e.getMessage().contains("maintenance"), e.getMessage());
    }

    @Test
    void aPlainTextRefusalIsRefusedWithItsText() {
        asc.server.stubFor(get(urlPathEqualTo(APPS)).willReturn(aResponse().withStatus(406).withHeader("Content-Type", "text/plain")
                .withBody("Not Acceptable")));

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> api.get(APPS));

        assertEquals("App Store Connect refused GET " + APPS + ": 406 Not Acceptable", e.getMessage());
    }

    @Test
    void aListFollowsLinksNextOnThisEndpoint() {
        asc.server.stubFor(get(urlPathEqualTo("/v1/betaGroups")).withQueryParam("cursor", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("""
                        {"data":[{"type":"betaGroups","id":"g1","attributes":{"name":"Employees","isInternalGroup":true}}],
                         "links":{"self":"https://api.appstoreconnect.apple.com/v1/betaGroups?filter%5Bapp%5D=1234567890",
                                  "next":"https://api.appstoreconnect.apple.com/v1/betaGroups?filter%5Bapp%5D=1234567890&cursor=AQ.AMzSfA"},
                         "meta":{"paging":{"total":2,"limit":1}}}""")));
        asc.server.stubFor(get(urlPathEqualTo("/v1/betaGroups")).withQueryParam("cursor", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AQ.AMzSfA"))
                .willReturn(okJson("""
                        {"data":[{"type":"betaGroups","id":"g2","attributes":{"name":"Public","isInternalGroup":false}}],
                         "links":{"self":"https://api.appstoreconnect.apple.com/v1/betaGroups?filter%5Bapp%5D=1234567890&cursor=AQ.AMzSfA"},
                         "meta":{"paging":{"total":2,"limit":1}}}""")));

        List<String> ids = api.list(AppStoreConnect.path("/v1/betaGroups", "filter[app]", "1234567890")).stream().map(g -> g.path("id").asText()).toList();

        assertEquals(List.of("g1", "g2"), ids);
        assertEquals(List.of("GET /v1/betaGroups?filter%5Bapp%5D=1234567890", "GET /v1/betaGroups?filter%5Bapp%5D=1234567890&cursor=AQ.AMzSfA"), asc.calls());
    }

    private String bearer(int call) {
        return asc.received().get(call).getRequest().getHeader("Authorization").substring("Bearer ".length());
    }
}
