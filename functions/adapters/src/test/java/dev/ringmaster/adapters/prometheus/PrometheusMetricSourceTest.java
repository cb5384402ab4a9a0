package dev.ringmaster.adapters.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.ringmaster.adapters.prometheus.PromBodies.empty;
import static dev.ringmaster.adapters.prometheus.PromBodies.error;
import static dev.ringmaster.adapters.prometheus.PromBodies.matrix;
import static dev.ringmaster.adapters.prometheus.PromBodies.success;
import static dev.ringmaster.adapters.prometheus.PromBodies.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the prometheus source reads from Prometheus's HTTP API answers, and what it makes of its refusals. */
class PrometheusMetricSourceTest {
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T12:15:00Z");
    private static final Instant S1 = Instant.parse("2026-11-30T12:05:00Z");
    private static final String BAD = "sum(increase(connect_fail_total{version=\"$version\"}[$step]))";
    private static final String TOTAL = "sum(increase(connect_total{version=\"$version\"}[$step]))";
    private static final Release RELEASE = new Release("android-2-1-0", "com.example.vpn", "2.1.0", "2.0.4", null, START);
    private static final Release NO_PREVIOUS = new Release("android-2-1-0", "com.example.vpn", "2.1.0", null, null, START);

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final PrometheusMetricSource source;

    PrometheusMetricSourceTest() {
        server.start();
        Http http = new Http(Http.client(), new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(5)), "prometheus");
        source = new PrometheusMetricSource(URI.create("http://127.0.0.1:" + server.port() + "/prom/"),
                Map.of("Authorization", "Bearer s3cr3t-token"), http);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static MetricDef rate(String counted, String countedQuery, String total) {
        return new MetricDef("connect_failure_rate", MetricKind.RATE, "prometheus", Map.of(counted, countedQuery, "total", total));
    }

    private static MetricDef single(MetricKind kind, String query) {
        return new MetricDef("m", kind, "prometheus", Map.of("value", query));
    }

    private void range(String query, String body) {
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query_range")).withFormParam("query", equalTo(query)).willReturn(okJson(body)));
    }

    private List<Map<String, String>> requests(String path) {
        return server.findAll(postRequestedFor(urlPathEqualTo(path))).stream().map(PrometheusMetricSourceTest::form).toList();
    }

    private static Map<String, String> form(LoggedRequest r) {
        return Arrays.stream(r.getBodyAsString().split("&")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8), (a, b) -> a, LinkedHashMap::new));
    }

    private static String q(String query, String version) {
        return query.replace("$version", version).replace("$step", "5m");
    }

    // --- reading

    @Test
    void aRate_isOneSamplePerStep_atTheStepsEnd_withTheCanaryAgainstThePreviousVersion() {
        range(q(BAD, "2.1.0"), matrix(S1, 300, "3", "5", "0"));
        range(q(TOTAL, "2.1.0"), matrix(S1, 300, "1000", "1200", "900"));
        range(q(BAD, "2.0.4"), matrix(S1, 300, "1", "2", "1"));
        range(q(TOTAL, "2.0.4"), matrix(S1, 300, "4000", "4100", "3900"));

        List<Sample> samples = source.read(rate("bad", BAD, TOTAL), RELEASE, START, TO);

        assertEquals(List.of(
                new Sample(S1, new Measure.Counts(3, 1000), new Measure.Counts(1, 4000)),
                new Sample(S1.plusSeconds(300), new Measure.Counts(5, 1200), new Measure.Counts(2, 4100)),
                new Sample(TO, new Measure.Counts(0, 900), new Measure.Counts(1, 3900))), samples);
    }

    @Test
    void aRangeQuery_startsAtTheFirstStepBoundaryAfterFrom_endsAtTo_andSendsTheHeaders() {
        range(q(BAD, "2.1.0"), empty("matrix"));
        range(q(TOTAL, "2.1.0"), empty("matrix"));

        source.read(rate("bad", BAD, TOTAL), RELEASE, START.plusSeconds(17), TO.plusSeconds(42));

        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/prom/api/v1/query_range")));
        assertEquals(2, sent.size(), "bad and total; no baseline reads once the canary has no data");
        for (LoggedRequest r : sent) {
            assertEquals("Bearer s3cr3t-token", r.getHeader("Authorization"));
            assertTrue(r.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
            Map<String, String> f = form(r);
            assertEquals(String.valueOf(S1.getEpochSecond()), f.get("start"));
            assertEquals(String.valueOf(TO.getEpochSecond()), f.get("end"), "the last step's end");
            assertEquals("300", f.get("step"));
            assertTrue(f.get("query").contains("[5m]"), "$step is the step as a Prometheus duration: " + f.get("query"));
            assertTrue(f.get("query").contains("version=\"2.1.0\""), f.get("query"));
        }
    }

    @Test
    void aSuccessRate_countsTheGoodQuery() {
        String good = "sum(increase(connect_ok_total{version=\"$version\"}[$step]))";
        range(q(good, "2.1.0"), matrix(S1, 300, "995"));
        range(q(TOTAL, "2.1.0"), matrix(S1, 300, "1000"));
        range(q(good, "2.0.4"), empty("matrix"));
        range(q(TOTAL, "2.0.4"), empty("matrix"));

        List<Sample> samples = source.read(rate("good", good, TOTAL), RELEASE, START, S1);

        assertEquals(List.of(new Sample(S1, new Measure.Counts(995, 1000), null)), samples);
    }

    @Test
    void countsFromIncrease_areRoundedToWholeNumbers() {
        range(q(BAD, "2.1.0"), matrix(S1, 300, "2.9999999999", "4.5"));
        range(q(TOTAL, "2.1.0"), matrix(S1, 300, "1000.0000001", "1199.6"));

        List<Sample> samples = source.read(rate("bad", BAD, TOTAL), NO_PREVIOUS, START, S1.plusSeconds(300));

        assertEquals(List.of(new Measure.Counts(3, 1000), new Measure.Counts(5, 1200)), samples.stream().map(Sample::canary).toList());
    }

    @Test
    void aStepMissingFromEitherQuery_NaN_Inf_orAZeroTotal_isNoData_neverZero() {
        range(q(BAD, "2.1.0"), matrix(S1, 300, "1", null, "2", "NaN", "1", "+Inf", "0"));
        range(q(TOTAL, "2.1.0"), matrix(S1, 300, "100", "100", null, "100", "-Inf", "100", "0"));

        List<Sample> samples = source.read(rate("bad", BAD, TOTAL), NO_PREVIOUS, START, START.plus(Duration.ofMinutes(35)));

        assertEquals(List.of(new Sample(S1, new Measure.Counts(1, 100), null)), samples);
    }

    @Test
    void anEmptyResult_isNoSamples_notZero() {
        range(q(BAD, "2.1.0"), empty("matrix"));
        range(q(TOTAL, "2.1.0"), empty("matrix"));

        assertEquals(List.of(), source.read(rate("bad", BAD, TOTAL), RELEASE, START, TO));
    }

    @Test
    void aGauge_isItsValue_andACount_isEventsPerMinuteTimesTheStepsMinutes() {
        range("histogram_quantile(0.75, sum by (le) (rate(latency_bucket[$step])))".replace("$step", "5m"), matrix(S1, 300, "0.25"));
        range("sum(rate(errors_total[$step])) * 60".replace("$step", "5m"), matrix(S1, 300, "4.5"));
        Release noStart = new Release("r", null, "2.1.0", null, null, null);

        List<Sample> gauge = source.read(single(MetricKind.GAUGE, "histogram_quantile(0.75, sum by (le) (rate(latency_bucket[$step])))"), noStart, START, S1);
        List<Sample> count = source.read(single(MetricKind.COUNT, "sum(rate(errors_total[$step])) * 60"), noStart, START, S1);

        assertEquals(List.of(new Sample(S1, new Measure.Value(0.25), null)), gauge);
        assertEquals(List.of(new Sample(S1, new Measure.Events(22.5, 5), null)), count);
    }

    @Test
    void aWindowShorterThanAStepWithoutABoundary_readsNothing() {
        assertEquals(List.of(), source.read(rate("bad", BAD, TOTAL), RELEASE, START.plusSeconds(10), START.plusSeconds(200)));
        assertEquals(0, server.getAllServeEvents().size());
    }

    // --- baselines

    @Test
    void aVersionQuery_withoutAPreviousVersion_hasNoBaseline() {
        range(q(BAD, "2.1.0"), matrix(S1, 300, "3"));
        range(q(TOTAL, "2.1.0"), matrix(S1, 300, "1000"));

        List<Sample> samples = source.read(rate("bad", BAD, TOTAL), NO_PREVIOUS, START, S1);

        assertEquals(List.of(new Sample(S1, new Measure.Counts(3, 1000), null)), samples);
        assertEquals(2, requests("/prom/api/v1/query_range").size());
    }

    @Test
    void aQueryWithoutVersion_comparesWithTheSameLengthOfTimeBeforeTheRolloutStarted() {
        String bad = "sum(increase(connect_fail_total[$step]))";
        String total = "sum(increase(connect_total[$step]))";
        Instant from = START.plus(Duration.ofMinutes(2));
        Instant to = START.plus(Duration.ofMinutes(16));
        // canary steps 12:05, 12:10, 12:15; to is 16 minutes after the start, so the baseline is 20 minutes (4 steps) earlier
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query_range")).withFormParam("query", equalTo(q(bad, "")))
                .withFormParam("start", equalTo(String.valueOf(S1.getEpochSecond()))).willReturn(okJson(matrix(S1, 300, "3", "4", "5"))));
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query_range")).withFormParam("query", equalTo(q(total, "")))
                .withFormParam("start", equalTo(String.valueOf(S1.getEpochSecond()))).willReturn(okJson(matrix(S1, 300, "100", "100", "100"))));
        Instant b1 = S1.minus(Duration.ofMinutes(20));
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query_range")).withFormParam("query", equalTo(q(bad, "")))
                .withFormParam("start", equalTo(String.valueOf(b1.getEpochSecond()))).willReturn(okJson(matrix(b1, 300, "1", null, "2"))));
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query_range")).withFormParam("query", equalTo(q(total, "")))
                .withFormParam("start", equalTo(String.valueOf(b1.getEpochSecond()))).willReturn(okJson(matrix(b1, 300, "200", "200", "200"))));

        List<Sample> samples = source.read(rate("bad", bad, total), RELEASE, from, to);

        assertEquals(List.of(
                new Sample(S1, new Measure.Counts(3, 100), new Measure.Counts(1, 200)),
                new Sample(S1.plusSeconds(300), new Measure.Counts(4, 100), null),
                new Sample(TO, new Measure.Counts(5, 100), new Measure.Counts(2, 200))), samples);
        Map<String, String> baselineRequest = requests("/prom/api/v1/query_range").stream()
                .filter(f -> f.get("start").equals(String.valueOf(b1.getEpochSecond()))).findFirst().orElseThrow();
        assertEquals(String.valueOf(TO.minus(Duration.ofMinutes(20)).getEpochSecond()), baselineRequest.get("end"),
                "the baseline window ends at or before the start: " + baselineRequest);
        assertFalse(Instant.ofEpochSecond(Long.parseLong(baselineRequest.get("end"))).isAfter(START));
    }

    @Test
    void aQueryWithoutVersion_andNoStartTime_hasNoBaseline() {
        range("sum(increase(connect_fail_total[5m]))", matrix(S1, 300, "3"));
        range("sum(increase(connect_total[5m]))", matrix(S1, 300, "100"));

        List<Sample> samples = source.read(rate("bad", "sum(increase(connect_fail_total[$step]))", "sum(increase(connect_total[$step]))"),
                "android-2-1-0", "2.1.0", START, S1);

        assertEquals(List.of(new Sample(S1, new Measure.Counts(3, 100), null)), samples);
        assertEquals(2, server.getAllServeEvents().size());
    }

    // --- instant queries

    @Test
    void withoutAFrom_orWithFromNotBeforeTo_itIsOneInstantQueryAtTo() {
        Instant at = Instant.parse("2026-11-30T12:17:31.250Z");
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query")).withFormParam("query", equalTo("max(memory_used_ratio{version=\"2.1.0\"})"))
                .willReturn(okJson(vector(at, "0.61"))));
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query")).withFormParam("query", equalTo("max(memory_used_ratio{version=\"2.0.4\"})"))
                .willReturn(okJson(vector(at, "0.58"))));
        MetricDef memory = single(MetricKind.GAUGE, "max(memory_used_ratio{version=\"$version\"})");

        assertEquals(List.of(new Sample(at, new Measure.Value(0.61), new Measure.Value(0.58))), source.read(memory, RELEASE, null, at));
        assertEquals(List.of(new Sample(at, new Measure.Value(0.61), new Measure.Value(0.58))), source.read(memory, RELEASE, at, at));
        assertEquals("1796041051.25", requests("/prom/api/v1/query").get(0).get("time"));
    }

    @Test
    void anInstantQuery_thatReturnsAScalar_isItsValue() {
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query")).willReturn(okJson(success("scalar", "[1796040900,\"0.5\"]"))));

        assertEquals(List.of(new Sample(TO, new Measure.Value(0.5), null)),
                source.read(single(MetricKind.GAUGE, "scalar(sum(up))"), "r", "2.1.0", null, TO));
    }

    // --- refusals

    @Test
    void aQueryReturningSeveralSeries_isUnavailable_askingForAnAggregation() {
        range(q(BAD, "2.1.0"), success("matrix", "[{\"metric\":{\"instance\":\"a:9100\"},\"values\":[[1796040300,\"1\"]]},"
                + "{\"metric\":{\"instance\":\"b:9100\"},\"values\":[[1796040300,\"2\"]]}]"));
        range(q(TOTAL, "2.1.0"), matrix(S1, 300, "100"));

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> source.read(rate("bad", BAD, TOTAL), RELEASE, START, S1));

        assertTrue(e.getMessage().contains("returned 2 series"), e.getMessage());
        assertTrue(e.getMessage().contains("must aggregate to one series, e.g. sum(...)"), e.getMessage());
        assertTrue(e.getMessage().contains("query.bad"), e.getMessage());
    }

    @Test
    void moreBadThanTotal_isUnavailable_namingBothQueries() {
        range(q(BAD, "2.1.0"), matrix(S1, 300, "12"));
        range(q(TOTAL, "2.1.0"), matrix(S1, 300, "10"));

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> source.read(rate("bad", BAD, TOTAL), RELEASE, START, S1));

        assertTrue(e.getMessage().contains("query.bad '" + q(BAD, "2.1.0") + "' gave 12"), e.getMessage());
        assertTrue(e.getMessage().contains("query.total '" + q(TOTAL, "2.1.0") + "' gave 10"), e.getMessage());
    }

    @Test
    void aNegativeCount_isUnavailable() {
        range(q(BAD, "2.1.0"), matrix(S1, 300, "-1"));
        range(q(TOTAL, "2.1.0"), matrix(S1, 300, "10"));

        assertThrows(MetricSource.Unavailable.class, () -> source.read(rate("bad", BAD, TOTAL), RELEASE, START, S1));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(400, error("bad_data", "invalid parameter \\\"query\\\": 1:14: parse error: unexpected \\\"}\\\""),
                        "HTTP 400 bad_data: invalid parameter \"query\": 1:14: parse error"),
                Arguments.of(400, error("bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"),
                        "bad_data: exceeded maximum resolution"),
                Arguments.of(422, error("execution", "many-to-many matching not allowed: matching labels must be unique on one side"),
                        "HTTP 422 execution: many-to-many matching not allowed"),
                Arguments.of(503, error("timeout", "query timed out in expression evaluation"),
                        "answered 503 to POST /prom/api/v1/query_range: {\"status\":\"error\",\"errorType\":\"timeout\""),
                Arguments.of(200, error("internal", "something odd"), "internal: something odd"),
                Arguments.of(404, "404 page not found", "HTTP 404 from /api/v1/query_range (not a Prometheus API answer; is the url right?): 404 page not found"),
                Arguments.of(401, "<html>Unauthorized</html>", "HTTP 401"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusals")
    void whatPrometheusRefuses_isUnavailable_withItsOwnErrorText_andNeverTheHeaders(int status, String body, String expected) {
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query_range")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> source.read(rate("bad", BAD, TOTAL), RELEASE, START, TO));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("prometheus metric connect_failure_rate, query.bad"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-token"), e.getMessage());
    }

    @Test
    void anUnreachablePrometheus_isUnavailable() {
        int port = server.port();
        server.stop();
        PrometheusMetricSource gone = new PrometheusMetricSource(URI.create("http://127.0.0.1:" + port), Map.of(),
                new Http(Http.client(), new Http.Policy(2, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(2)), "prometheus"));

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> gone.read(rate("bad", BAD, TOTAL), RELEASE, START, TO));

        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void a503_thenAnAnswer_isRetried_andRead() {
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query_range")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody(error("timeout", "query timed out in query execution")))
                .willSetStateTo("answered"));
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query_range")).inScenario("busy").whenScenarioStateIs("answered")
                .willReturn(okJson(matrix(S1, 300, "7"))));

        List<Sample> samples = source.read(single(MetricKind.GAUGE, "sum(up)"), "r", "2.1.0", START, S1);

        assertEquals(List.of(new Sample(S1, new Measure.Value(7), null)), samples);
        assertEquals(2, server.getAllServeEvents().size());
    }

    @Test
    void warnings_areIgnored_andThePartialAnswerIsRead() {
        range("sum(up)", "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1796040300,\"2\"]]}]},"
                + "\"warnings\":[\"store gateway unreachable: results may be partial\"]}");

        assertEquals(List.of(new Sample(S1, new Measure.Value(2), null)), source.read(single(MetricKind.GAUGE, "sum(up)"), "r", "2.1.0", START, S1));
    }

    @Test
    void aRangeOfMoreThan11000Points_isSplitIntoRequestsPrometheusAccepts() {
        PrometheusMetricSource fine = new PrometheusMetricSource(URI.create("http://127.0.0.1:" + server.port() + "/prom"), Map.of(),
                new Http(Http.client(), Http.Policy.DEFAULT, "prometheus"), Duration.ofSeconds(15));
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query_range")).willReturn(okJson(empty("matrix"))));
        Instant to = START.plusSeconds(15L * 25_000);

        fine.read(single(MetricKind.GAUGE, "sum(up)"), "r", "2.1.0", START, to);

        List<Map<String, String>> sent = requests("/prom/api/v1/query_range");
        assertEquals(3, sent.size());
        long expectedStart = START.getEpochSecond() + 15;
        for (Map<String, String> f : sent) {
            long start = Long.parseLong(f.get("start"));
            long end = Long.parseLong(f.get("end"));
            assertEquals(expectedStart, start, "contiguous, no step read twice or skipped");
            assertTrue((end - start) / 15 + 1 <= 11_000, f.toString());
            expectedStart = end + 15;
        }
        assertEquals(to.getEpochSecond() + 15, expectedStart);
    }

    // --- the plan's mistakes

    @Test
    void aQueryMissingAKey_orACheckMetric_isUnavailable_namingWhatIsMissing() {
        MetricDef noTotal = new MetricDef("connect_failure_rate", MetricKind.RATE, "prometheus", Map.of("bad", BAD));
        MetricDef both = new MetricDef("connect_failure_rate", MetricKind.RATE, "prometheus", Map.of("bad", BAD, "good", BAD, "total", TOTAL));
        MetricDef check = new MetricDef("smoke", MetricKind.CHECK, "prometheus", Map.of());

        assertTrue(assertThrows(MetricSource.Unavailable.class, () -> source.read(noTotal, RELEASE, START, TO)).getMessage().contains("needs query.total"));
        assertTrue(assertThrows(MetricSource.Unavailable.class, () -> source.read(both, RELEASE, START, TO)).getMessage().contains("exactly one of query.bad and query.good"));
        assertTrue(assertThrows(MetricSource.Unavailable.class, () -> source.read(check, RELEASE, START, TO)).getMessage().contains("ringmaster report"));
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void aVersionInAQuery_isEscapedAsAPromQLString() {
        assertEquals("x{version=\"2.1.0 \\\"beta\\\"\"}[90s]", PromQueries.substitute("x{version=\"$version\"}[$step]", "2.1.0 \"beta\"", Duration.ofSeconds(90)));
        assertEquals("1h", PromQueries.duration(Duration.ofHours(1)));
        assertEquals("1500ms", PromQueries.duration(Duration.ofMillis(1500)));
    }
}
