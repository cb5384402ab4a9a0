package dev.ringmaster.testkit.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.playvitals.PlayReportingToken;
import dev.ringmaster.adapters.playvitals.PlayVitalsMetricSource;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PlayVitalsMetricSource against the Reporting stand-in, fed by a data function as the end-to-end test will feed it. */
class PlayReportingStandInTest {
    private static final String PKG = "com.example.vpn";
    private static final Instant NOW = Instant.parse("2026-05-26T13:20:00Z");
    private static final Release RELEASE = new Release("android-2-1-0", PKG, "2.1.0", "2.0.0",
            new Target(TargetType.GOOGLE_PLAY, Map.of("packageName", PKG, "track", "production", "versionCodes", List.of(2100))),
            Instant.parse("2026-05-01T00:00:00Z"));
    private static final MetricDef CRASH_RATE = new MetricDef("crash_rate", MetricKind.RATE, "play-vitals", Map.of("metric", "crashRate"));

    /** The canary crashes 1 % of its 1,000 users an hour, the old build 0.2 % of 5,000; ANRs are unknown (no data). */
    private static Optional<double[]> truth(String metric, long versionCode, Instant hour) {
        if (!metric.equals("crashRate")) {
            return Optional.empty();
        }
        return Optional.of(versionCode == 2100 ? new double[] {0.01, 1000} : new double[] {0.002, 5000});
    }

    private final PlayReportingStandIn play = PlayReportingStandIn.start(PKG, List.of(2000L, 2100L), PlayReportingStandInTest::truth);
    private final PlayVitalsMetricSource source = new PlayVitalsMetricSource(URI.create(play.endpoint()),
            PlayReportingToken.fromKeyJson(play.serviceAccountKeyJson()),
            new Http(Http.client(), new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(2), Duration.ofSeconds(5)), "Play Developer Reporting"),
            Clock.fixed(NOW, ZoneOffset.UTC), PlayVitalsMetricSource.DEFAULT_MAX_AGE);

    PlayReportingStandInTest() {
        play.setFreshness(Instant.parse("2026-05-26T12:00:00Z"));
    }

    @AfterEach
    void stop() {
        play.close();
    }

    @Test
    void twentyFiveDaysOfHours_arriveOverTwoPages_oneSamplePerHour_canaryAgainstTheOtherVersionCode() {
        play.setFreshness(Instant.parse("2026-05-26T12:00:00Z"));

        List<Sample> samples = source.read(CRASH_RATE, RELEASE, Instant.parse("2026-05-01T12:00:00Z"), NOW);

        assertEquals(600, samples.size(), "2026-05-01T13:00 … 2026-05-26T12:00");
        assertEquals(new Sample(Instant.parse("2026-05-01T13:00:00Z"), new Measure.Counts(10, 1000), new Measure.Counts(10, 5000)),
                samples.get(0));
        assertEquals(Instant.parse("2026-05-26T12:00:00Z"), samples.get(599).at());
        assertEquals(2, play.queries().size(), "1,200 rows in pages of 1,000");
        assertEquals(List.of("POST /token", "GET /v1beta1/apps/com.example.vpn/crashRateMetricSet",
                "POST /v1beta1/apps/com.example.vpn/crashRateMetricSet:query", "POST /v1beta1/apps/com.example.vpn/crashRateMetricSet:query"),
                play.requests());
    }

    @Test
    void aMetricTheDataFunctionHasNothingFor_isNoData() {
        MetricDef anr = new MetricDef("anr_rate", MetricKind.RATE, "play-vitals", Map.of("metric", "anrRate"));

        assertEquals(List.of(), source.read(anr, RELEASE, Instant.parse("2026-05-26T09:00:00Z"), NOW));
    }

    @Test
    void aVersionCodePlayHasNoDataFor_leavesThatSideEmpty() {
        play.setVersionCodes(List.of(2100L));

        List<Sample> samples = source.read(CRASH_RATE, RELEASE, Instant.parse("2026-05-26T09:00:00Z"), NOW);

        assertEquals(new Measure.Counts(10, 1000), samples.get(0).canary());
        assertNull(samples.get(0).baseline());
    }

    @Test
    void freshnessSetSevenHoursBack_makesTheReadStale() {
        play.setFreshness(Instant.parse("2026-05-26T06:00:00Z"));

        var stale = assertThrows(MetricSource.Stale.class,
                () -> source.read(CRASH_RATE, RELEASE, Instant.parse("2026-05-26T00:00:00Z"), NOW));

        assertTrue(stale.getMessage().contains("newest hourly data ends 2026-05-26T06:00:00Z, 7 h ago"), stale.getMessage());
    }

    @Test
    void anInjectedErrorAnswer_isUnavailable_namingGooglesStatus_andTheNextReadWorks() {
        play.setFreshness(Instant.parse("2026-05-26T12:00:00Z"));
        play.failNext(403, "{\"error\":{\"code\":403,\"message\":\"The caller does not have permission\",\"status\":\"PERMISSION_DENIED\"}}", 1);

        var e = assertThrows(MetricSource.Unavailable.class,
                () -> source.read(CRASH_RATE, RELEASE, Instant.parse("2026-05-26T09:00:00Z"), NOW));

        assertTrue(e.getMessage().contains("403 PERMISSION_DENIED: The caller does not have permission"), e.getMessage());
        assertEquals(3, source.read(CRASH_RATE, RELEASE, Instant.parse("2026-05-26T09:00:00Z"), NOW).size());
    }

    @Test
    void revokedTokens_areReplacedOnceByAFreshOne() {
        play.setFreshness(Instant.parse("2026-05-26T12:00:00Z"));
        source.read(CRASH_RATE, RELEASE, Instant.parse("2026-05-26T09:00:00Z"), NOW);
        play.revokeTokens();

        assertEquals(3, source.read(CRASH_RATE, RELEASE, Instant.parse("2026-05-26T09:00:00Z"), NOW).size());
        assertEquals(2, play.requests().stream().filter(r -> r.equals("POST /token")).count());
    }

    @Test
    void theStandIn_refusesWhatTheApiRefuses_anEndAfterTheFreshnessAndANonUtcHourlyBound() throws Exception {
        play.setFreshness(Instant.parse("2026-05-26T12:00:00Z"));
        String token = PlayReportingToken.fromKeyJson(play.serviceAccountKeyJson()).get();
        String late = "{\"timelineSpec\":{\"aggregationPeriod\":\"HOURLY\",\"startTime\":{\"year\":2026,\"month\":5,\"day\":26,\"hours\":10,"
                + "\"timeZone\":{\"id\":\"UTC\"}},\"endTime\":{\"year\":2026,\"month\":5,\"day\":26,\"hours\":13,\"timeZone\":{\"id\":\"UTC\"}}},"
                + "\"dimensions\":[\"versionCode\"],\"metrics\":[\"crashRate\",\"distinctUsers\"]}";

        JsonNode afterFreshness = post(token, late);
        JsonNode losAngeles = post(token, late.replace("\"hours\":13,\"timeZone\":{\"id\":\"UTC\"}",
                "\"hours\":11,\"timeZone\":{\"id\":\"America/Los_Angeles\"}"));
        JsonNode wrongSet = post(token, late.replace("\"hours\":13", "\"hours\":11").replace("crashRate\",", "anrRate\","));

        assertEquals("INVALID_ARGUMENT", afterFreshness.path("error").path("status").asText());
        assertTrue(losAngeles.path("error").path("message").asText().contains("UTC"));
        assertTrue(wrongSet.path("error").path("message").asText().contains("'anrRate' is not supported by crashRateMetricSet"));
    }

    private JsonNode post(String token, String body) throws Exception {
        HttpResponse<String> r = Http.client().send(HttpRequest.newBuilder(
                        URI.create(play.endpoint() + "/v1beta1/apps/" + PKG + "/crashRateMetricSet:query"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }
}
