package dev.ringmaster.adapters.playvitals;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a tick reads from Android vitals: hours, versionCodes, freshness, pages and the API's errors. */
class PlayVitalsMetricSourceTest {
    private static final Instant FROM = Instant.parse("2026-05-01T22:30:00Z");
    private static final Instant TO = Instant.parse("2026-05-02T13:20:00Z");
    private final ReportingWireMock play = new ReportingWireMock();
    private final PlayVitalsMetricSource source = play.source(() -> "ya29.c.static");

    @AfterEach
    void stop() {
        play.close();
    }

    private void fresh(String hourlyEnd) {
        play.server.stubFor(get(urlPathEqualTo(CRASH_SET)).willReturn(okJson(metricSet("crashRateMetricSet", hourlyEnd))));
    }

    private void answer(String body) {
        play.server.stubFor(post(urlPathEqualTo(CRASH_QUERY)).willReturn(okJson(body)));
    }

    @Test
    void eachCompleteHourIsOneSample_canaryVersionCodesAddUp_andTheOtherVersionCodesOfTheSameHourAreTheBaseline() {
        fresh("2026-05-02T12:00:00Z");
        answer(rows(null,
                row("2026-05-01T22:00:00Z", 2100, "crashRate", "0.0125", "800"),
                row("2026-05-01T22:00:00Z", 2101, "crashRate", "1.25E-2", "400"),
                row("2026-05-01T22:00:00Z", 2000, "crashRate", "0.002", "5000"),
                row("2026-05-01T22:00:00Z", 1900, "crashRate", "0.004", "250"),
                row("2026-05-01T23:00:00Z", 2000, "crashRate", "0.0021", "4800"),
                row("2026-05-02T00:00:00Z", 2100, "crashRate", "0.01", "1000")));

        List<Sample> samples = source.read(CRASH_RATE, RELEASE, FROM, TO);

        assertEquals(List.of(
                new Sample(Instant.parse("2026-05-01T23:00:00Z"), new Measure.Counts(15, 1200), new Measure.Counts(11, 5250)),
                new Sample(Instant.parse("2026-05-02T00:00:00Z"), null, new Measure.Counts(10, 4800)),
                new Sample(Instant.parse("2026-05-02T01:00:00Z"), new Measure.Counts(10, 1000), null)), samples);
    }

    @Test
    void theQuery_isHourlyInUtc_fromTheWindowsHourToTheNewestCompleteHour_byVersionCode_withoutAFilter() throws Exception {
        fresh("2026-05-02T12:00:00Z");
        answer("{}");

        source.read(CRASH_RATE, RELEASE, FROM, TO);

        assertEquals(List.of("GET " + CRASH_SET, "POST " + CRASH_QUERY), play.calls(), "freshness first, then the query");
        JsonNode body = new ObjectMapper().readTree(play.queryBodies().get(0));
        JsonNode expected = new ObjectMapper().readTree("{\"timelineSpec\":{\"aggregationPeriod\":\"HOURLY\","
                + "\"startTime\":{\"year\":2026,\"month\":5,\"day\":1,\"hours\":22,\"timeZone\":{\"id\":\"UTC\"}},"
                + "\"endTime\":{\"year\":2026,\"month\":5,\"day\":2,\"hours\":12,\"timeZone\":{\"id\":\"UTC\"}}},"
                + "\"dimensions\":[\"versionCode\"],\"metrics\":[\"crashRate\",\"distinctUsers\"],\"pageSize\":1000}");
        assertEquals(expected, body);
        assertEquals("Bearer ya29.c.static", play.events().get(1).getRequest().getHeader("Authorization"));
    }

    @Test
    void aWindowEndingBeforeTheFreshness_endsAtItsOwnLastCompleteHour() {
        fresh("2026-05-02T12:00:00Z");
        answer("{}");

        source.read(CRASH_RATE, RELEASE, FROM, Instant.parse("2026-05-02T05:59:59Z"));

        assertTrue(play.queryBodies().get(0).contains("\"endTime\":{\"year\":2026,\"month\":5,\"day\":2,\"hours\":5,"),
                play.queryBodies().get(0));
    }

    @Test
    void aWindowWithinTheHourPlayIsStillCollecting_asksNothingAndHasNoData() {
        fresh("2026-05-02T12:00:00Z");

        assertEquals(List.of(), source.read(CRASH_RATE, RELEASE, Instant.parse("2026-05-02T12:05:00Z"), TO));
        assertEquals(List.of("GET " + CRASH_SET), play.calls());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metricSets")
    void eachMetric_isReadFromItsMetricSet(String metric, String set) {
        String path = ReportingWireMock.APP + "/" + set;
        play.server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(metricSet(set, "2026-05-02T12:00:00Z"))));
        play.server.stubFor(post(urlPathEqualTo(path + ":query"))
                .withRequestBody(matchingJsonPath("$.metrics[0]", equalTo(metric)))
                .willReturn(okJson(rows(null, row("2026-05-02T11:00:00Z", 2100, metric, "0.0047", "2000")))));

        List<Sample> samples = source.read(ReportingWireMock.metric(metric), RELEASE, FROM, TO);

        assertEquals(List.of(new Sample(Instant.parse("2026-05-02T12:00:00Z"), new Measure.Counts(9, 2000), null)), samples);
    }

    static Stream<Arguments> metricSets() {
        return Stream.of(Arguments.of("crashRate", "crashRateMetricSet"), Arguments.of("userPerceivedCrashRate", "crashRateMetricSet"),
                Arguments.of("anrRate", "anrRateMetricSet"), Arguments.of("userPerceivedAnrRate", "anrRateMetricSet"));
    }

    @Test
    void everyPageIsRead_followingNextPageToken() {
        fresh("2026-05-02T12:00:00Z");
        play.server.stubFor(post(urlPathEqualTo(CRASH_QUERY)).willReturn(okJson(rows("page-2",
                row("2026-05-02T10:00:00Z", 2100, "crashRate", "0.01", "500")))));
        play.server.stubFor(post(urlPathEqualTo(CRASH_QUERY)).withRequestBody(matchingJsonPath("$.pageToken", equalTo("page-2")))
                .willReturn(okJson(rows("page-3", row("2026-05-02T10:00:00Z", 2000, "crashRate", "0.002", "3000")))));
        play.server.stubFor(post(urlPathEqualTo(CRASH_QUERY)).withRequestBody(matchingJsonPath("$.pageToken", equalTo("page-3")))
                .willReturn(okJson(rows(null, row("2026-05-02T11:00:00Z", 2100, "crashRate", "0.004", "500")))));

        List<Sample> samples = source.read(CRASH_RATE, RELEASE, FROM, TO);

        assertEquals(List.of(
                new Sample(Instant.parse("2026-05-02T11:00:00Z"), new Measure.Counts(5, 500), new Measure.Counts(6, 3000)),
                new Sample(Instant.parse("2026-05-02T12:00:00Z"), new Measure.Counts(2, 500), null)), samples);
        assertEquals(3, play.queryBodies().size());
    }

    @Test
    void noRows_isNoData_neverZero() {
        fresh("2026-05-02T12:00:00Z");
        answer("{}");

        assertEquals(List.of(), source.read(CRASH_RATE, RELEASE, FROM, TO));
    }

    @Test
    void aRowWithAnEmptyValueOrNoUsers_isNoDataForThatVersionCodeAndHour_neverZero() {
        fresh("2026-05-02T12:00:00Z");
        answer(rows(null,
                row("2026-05-02T10:00:00Z", 2100, "crashRate", "", "800"),
                row("2026-05-02T10:00:00Z", 2000, "crashRate", "0.002", "5000"),
                row("2026-05-02T11:00:00Z", 2100, "crashRate", "0.0", "0"),
                "{\"aggregationPeriod\":\"HOURLY\",\"startTime\":" + ReportingWireMock.dateTime("2026-05-02T11:00:00Z")
                        + ",\"dimensions\":[{\"dimension\":\"versionCode\",\"int64Value\":\"2101\"}],\"metrics\":[]}"));

        List<Sample> samples = source.read(CRASH_RATE, RELEASE, FROM, TO);

        assertEquals(List.of(new Sample(Instant.parse("2026-05-02T11:00:00Z"), null, new Measure.Counts(10, 5000))), samples);
    }

    @Test
    void hourlyDataOlderThanMaxAge_isStale_sayingHowOld_andNothingIsQueried() {
        fresh("2026-05-02T06:00:00Z");

        var stale = assertThrows(MetricSource.Stale.class, () -> source.read(CRASH_RATE, RELEASE, FROM, TO));

        assertEquals("Play vitals crashRate: newest hourly data ends 2026-05-02T06:00:00Z, 7 h ago; waiting for fresher data",
                stale.getMessage());
        assertEquals(List.of("GET " + CRASH_SET), play.calls());
    }

    @Test
    void olderDataIsNotStale_forAWindowItAlreadyCovers() {
        fresh("2026-05-02T06:00:00Z");
        answer(rows(null, row("2026-05-02T02:00:00Z", 2100, "crashRate", "0.01", "100")));

        List<Sample> samples = source.read(CRASH_RATE, RELEASE, FROM, Instant.parse("2026-05-02T04:00:00Z"));

        assertEquals(List.of(new Sample(Instant.parse("2026-05-02T03:00:00Z"), new Measure.Counts(1, 100), null)), samples);
    }

    @Test
    void aShorterMaxAge_makesTheSameLagStale() {
        fresh("2026-05-02T12:00:00Z");
        PlayVitalsMetricSource strict = new PlayVitalsMetricSource(play.endpoint(), () -> "t", ReportingWireMock.http(), play.clock,
                Duration.ofMinutes(30));

        assertThrows(MetricSource.Stale.class, () -> strict.read(CRASH_RATE, RELEASE, FROM, TO));
    }

    @Test
    void aRateAboveOne_isUnavailable_sayingTheScaleIsUnexpected() {
        fresh("2026-05-02T12:00:00Z");
        answer(rows(null, row("2026-05-02T10:00:00Z", 2100, "crashRate", "1.2", "800")));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, RELEASE, FROM, TO));

        assertTrue(e.getMessage().contains("crashRate 1.2, outside 0–1: the rate's scale is not the expected fraction"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("errors")
    void googlesErrorAnswer_isUnavailable_namingItsStatusAndMessage(int code, String status, String message, String hint) {
        fresh("2026-05-02T12:00:00Z");
        play.server.stubFor(post(urlPathEqualTo(CRASH_QUERY)).willReturn(json(code, ReportingWireMock.error(code, status, message))));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, RELEASE, FROM, TO));

        assertTrue(e.getMessage().contains(code + " " + status + ": " + message), e.getMessage());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(400, "INVALID_ARGUMENT", "timeline_spec.end_time is after the latest available data.", "crashRateMetricSet:query"),
                Arguments.of(403, "PERMISSION_DENIED", "The caller does not have permission", "View app information"),
                Arguments.of(404, "NOT_FOUND", "Requested entity was not found.", "package name"));
    }

    @Test
    void a503_isRetried_thenRead() {
        fresh("2026-05-02T12:00:00Z");
        play.server.stubFor(post(urlPathEqualTo(CRASH_QUERY)).inScenario("busy").whenScenarioStateIs("Started")
                .willReturn(json(503, ReportingWireMock.error(503, "UNAVAILABLE", "The service is currently unavailable.")))
                .willSetStateTo("ok"));
        play.server.stubFor(post(urlPathEqualTo(CRASH_QUERY)).inScenario("busy").whenScenarioStateIs("ok")
                .willReturn(okJson(rows(null, row("2026-05-02T10:00:00Z", 2100, "crashRate", "0.01", "100")))));

        assertEquals(1, source.read(CRASH_RATE, RELEASE, FROM, TO).size());
    }

    @Test
    void quotaExhaustedAfterEveryRetry_isUnavailable() {
        fresh("2026-05-02T12:00:00Z");
        play.server.stubFor(post(urlPathEqualTo(CRASH_QUERY)).willReturn(json(429,
                ReportingWireMock.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Queries'."))));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, RELEASE, FROM, TO));

        assertTrue(e.getMessage().contains("429"), e.getMessage());
        assertEquals(1 + 3, play.calls().size(), "the freshness, then the query three times");
    }

    @Test
    void aMetricSetWithoutHourlyFreshness_isUnavailable() {
        play.server.stubFor(get(urlPathEqualTo(CRASH_SET)).willReturn(okJson("{\"name\":\"apps/com.example.vpn/crashRateMetricSet\","
                + "\"freshnessInfo\":{\"freshnesses\":[{\"aggregationPeriod\":\"DAILY\",\"latestEndTime\":{\"year\":2026,\"month\":4,"
                + "\"day\":30,\"timeZone\":{\"id\":\"America/Los_Angeles\"}}}]}}")));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, RELEASE, FROM, TO));

        assertTrue(e.getMessage().contains("no HOURLY freshness"), e.getMessage());
    }

    @Test
    void aPhaseWhoseTargetIsNotGooglePlay_isUnavailable_namingTheTarget() {
        Release flagged = new Release("r", "app", "2.1.0", null,
                new Target(TargetType.FEATURE_FLAG, Map.of("provider", "json", "flag", "canary")), null);

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, flagged, FROM, TO));

        assertTrue(e.getMessage().contains("flag canary (json)"), e.getMessage());
        assertEquals(List.of(), play.calls());
    }

    @Test
    void theShortFormWithoutATarget_isUnavailable() {
        assertThrows(MetricSource.Unavailable.class, () -> source.read(CRASH_RATE, "r", "2.1.0", FROM, TO));
    }

    @Test
    void versionCodesAreReadAsNumbersOrTexts() {
        fresh("2026-05-02T12:00:00Z");
        answer(rows(null, row("2026-05-02T10:00:00Z", 2101, "crashRate", "0.5", "2"),
                row("2026-05-02T10:00:00Z", 2100, "crashRate", "0.5", "2")));

        // TARGET lists 2100 as a number and "2101" as a text: both are the canary's
        assertEquals(new Measure.Counts(2, 4), source.read(CRASH_RATE, RELEASE, FROM, TO).get(0).canary());
        assertNull(source.read(CRASH_RATE, RELEASE, FROM, TO).get(0).baseline());
    }
}
