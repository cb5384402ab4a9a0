package dev.ringmaster.adapters.playvitals;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ringmaster.adapters.playvitals.ReportingWireMock.CRASH_QUERY;
import static dev.ringmaster.adapters.playvitals.ReportingWireMock.CRASH_RATE;
import static dev.ringmaster.adapters.playvitals.ReportingWireMock.CRASH_SET;
import static dev.ringmaster.adapters.playvitals.ReportingWireMock.RELEASE;
import static dev.ringmaster.adapters.playvitals.ReportingWireMock.json;
import static dev.ringmaster.adapters.playvitals.ReportingWireMock.metricSet;
import static dev.ringmaster.adapters.playvitals.ReportingWireMock.row;
import static dev.ringmaster.adapters.playvitals.ReportingWireMock.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.port.MetricSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service-account key, the reporting scope, and what a refused token does to a read. */
class PlayReportingTokenTest {
    private static final Instant FROM = Instant.parse("2026-05-02T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-05-02T13:20:00Z");
    private final ReportingWireMock play = new ReportingWireMock();
    @TempDir
    Path dir;

    @BeforeEach
    void data() {
        play.server.stubFor(get(urlPathEqualTo(CRASH_SET)).willReturn(okJson(metricSet("crashRateMetricSet", "2026-05-02T12:00:00Z"))));
        play.server.stubFor(post(urlPathEqualTo(CRASH_QUERY))
                .willReturn(okJson(rows(null, row("2026-05-02T10:00:00Z", 2100, "crashRate", "0.01", "300")))));
    }

    @AfterEach
    void stop() {
        play.close();
    }

    private int tokenRequests() {
        return play.server.findAll(postRequestedFor(urlPathEqualTo("/token"))).size();
    }

    @Test
    void theKeysTokenUriIsAskedForAReportingScopedToken_onceForManyReads() throws Exception {
        PlayVitalsMetricSource source = play.source(PlayReportingToken.fromKeyJson(ReportingWireMock.keyJson(play.tokenUri())));

        source.read(CRASH_RATE, RELEASE, FROM, TO);
        source.read(CRASH_RATE, RELEASE, FROM, TO);

        assertEquals(1, tokenRequests());
        String form = play.server.findAll(postRequestedFor(urlPathEqualTo("/token"))).get(0).getBodyAsString();
        Map<String, String> fields = new HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(fields.get("assertion").split("\\.")[1]));
        assertEquals("https://www.googleapis.com/auth/playdeveloperreporting", claims.path("scope").asText());
        assertEquals(ReportingWireMock.EMAIL, claims.path("iss").asText());
        assertTrue(play.events().stream().filter(e -> !e.getRequest().getUrl().equals("/token"))
                .allMatch(e -> "Bearer ya29.c.vitals-1".equals(e.getRequest().getHeader("Authorization"))));
    }

    @Test
    void a401_fetchesAFreshTokenOnce_andReads() {
        play.server.stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(ReportingWireMock.token("ya29.c.revoked"))).willSetStateTo("second"));
        play.server.stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson(ReportingWireMock.token("ya29.c.fresh"))));
        play.server.stubFor(get(urlPathEqualTo(CRASH_SET)).withHeader("Authorization", equalTo("Bearer ya29.c.revoked"))
                .willReturn(json(401, ReportingWireMock.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."))));
        PlayVitalsMetricSource source = play.source(PlayReportingToken.fromKeyJson(ReportingWireMock.keyJson(play.tokenUri())));

        var samples = source.read(CRASH_RATE, RELEASE, FROM, TO);

        assertEquals(new Measure.Counts(3, 300), samples.get(0).canary());
        assertEquals(2, tokenRequests());
        assertEquals("Bearer ya29.c.fresh", play.events().get(play.events().size() - 1).getRequest().getHeader("Authorization"));
    }

    @Test
    void a401ToTheFreshTokenToo_isUnavailable_namingTheStatus() {
        play.server.stubFor(get(urlPathEqualTo(CRASH_SET))
                .willReturn(json(401, ReportingWireMock.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."))));
        PlayVitalsMetricSource source = play.source(PlayReportingToken.fromKeyJson(ReportingWireMock.keyJson(play.tokenUri())));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, RELEASE, FROM, TO));

        assertTrue(e.getMessage().contains("401 UNAUTHENTICATED: Request had invalid authentication credentials."), e.getMessage());
        assertFalse(e.getMessage().contains("ya29"), "never the token");
        assertEquals(2, play.calls().size(), "one fresh token, one more try, no more");
    }

    @Test
    void aPlainSupplierIsSimplyAskedAgainAfterA401() {
        play.server.stubFor(get(urlPathEqualTo(CRASH_SET)).withHeader("Authorization", equalTo("Bearer first"))
                .willReturn(json(401, ReportingWireMock.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."))));
        String[] tokens = {"first", "second"};
        int[] asked = {0};
        PlayVitalsMetricSource source = play.source(() -> tokens[Math.min(asked[0]++, 1)]);

        assertEquals(1, source.read(CRASH_RATE, RELEASE, FROM, TO).size());
    }

    @Test
    void fromReference_readsGoogleApplicationCredentials_andTheEndpointOverride() throws Exception {
        Path key = dir.resolve("vitals-key.json");
        Files.writeString(key, ReportingWireMock.keyJson(play.tokenUri()));
        PlayVitalsMetricSource source = PlayVitalsMetricSource.fromReference(null, ref -> {
            throw new AssertionError("no reference is resolved");
        }, Map.of("GOOGLE_APPLICATION_CREDENTIALS", key.toString(), "RINGMASTER_PLAY_REPORTING_ENDPOINT", play.endpoint().toString()),
                ReportingWireMock.http(), play.clock);

        assertEquals(1, source.read(CRASH_RATE, RELEASE, FROM, TO).size());
        assertEquals(1, tokenRequests());
    }

    @Test
    void fromReference_resolvesAFileReferenceWithSecrets() throws Exception {
        Path key = dir.resolve("vitals-key.json");
        Files.writeString(key, ReportingWireMock.keyJson(play.tokenUri()));
        PlayVitalsMetricSource source = PlayVitalsMetricSource.fromReference("file:" + key, new LocalSecrets(Map.of(), null),
                Map.of("RINGMASTER_PLAY_REPORTING_ENDPOINT", play.endpoint() + "/"), ReportingWireMock.http(), play.clock);

        assertEquals(1, source.read(CRASH_RATE, RELEASE, FROM, TO).size());
    }

    @Test
    void noKeyAtAll_isUnavailable_sayingWhereOneGoes() {
        PlayVitalsMetricSource source = PlayVitalsMetricSource.fromReference(null, ref -> "", Map.of(), ReportingWireMock.http(), play.clock);

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, RELEASE, FROM, TO));

        assertTrue(e.getMessage().contains("spec.sources.play-vitals.credentials"), e.getMessage());
    }

    @Test
    void aKeyLackingFields_isUnavailable_namingThem_neverQuotingTheKey() {
        String key = "{\"type\":\"service_account\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIsecret\\n\",\"client_email\":\"x@y\"}";
        PlayVitalsMetricSource source = play.source(PlayReportingToken.fromKeyJson(key));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, RELEASE, FROM, TO));

        assertTrue(e.getMessage().contains("lacks private_key_id, token_uri"), e.getMessage());
        assertFalse(e.getMessage().contains("MIIsecret"));
    }

    @Test
    void invalidGrant_isUnavailable_namingTheServiceAccount() {
        play.server.stubFor(post(urlPathEqualTo("/token"))
                .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}")));
        PlayVitalsMetricSource source = play.source(PlayReportingToken.fromKeyJson(ReportingWireMock.keyJson(play.tokenUri())));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, RELEASE, FROM, TO));

        assertEquals("Google refused an access token for service account " + ReportingWireMock.EMAIL
                + ": 400 invalid_grant (Invalid JWT Signature.)", e.getMessage());
        assertEquals(0, play.calls().size());
    }
}
