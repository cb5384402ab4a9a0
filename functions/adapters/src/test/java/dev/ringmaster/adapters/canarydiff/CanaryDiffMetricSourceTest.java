package dev.ringmaster.adapters.canarydiff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.port.MetricSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shadow-traffic comparisons the pipeline posts, as the gate sees them (seed 004: tolerance 0.5 % on 1,000 samples). */
class CanaryDiffMetricSourceTest {
    private static final String ROLLOUT = "web-2-1-0-canary";
    private static final Instant FROM = Instant.parse("2026-12-02T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-02T13:00:00Z");
    private static final Path SAMPLE = Path.of(System.getProperty("ringmaster.root", "../..")).resolve("events/canary-diff/sample.json");

    @TempDir
    Path dir;
    /** Started only by the test that fetches over HTTP. */
    private WireMockServer server;
    private final Http http = new Http(Http.client(), new Http.Policy(2, Duration.ofMillis(1), Duration.ofSeconds(2), Duration.ofSeconds(5)),
            "canary-diff results");

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static MetricDef metric(Object samples, String url) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("samples", samples);
        if (url != null) {
            q.put("url", url);
        }
        return new MetricDef("canary_diff", MetricKind.RATE, "canary-diff", q);
    }

    private CanaryDiffMetricSource source() {
        return new CanaryDiffMetricSource(dir, http);
    }

    private void posted(String json) throws Exception {
        Files.writeString(dir.resolve(ROLLOUT + ".json"), json);
    }

    private static String run(String at, long samples, long mismatches) {
        return "{\"at\":\"" + at + "\",\"samples\":" + samples + ",\"mismatches\":" + mismatches + "}";
    }

    private static String doc(String version, String... runs) {
        return "{\"rolloutId\":\"" + ROLLOUT + "\",\"version\":\"" + version + "\",\"runs\":[" + String.join(",", runs) + "]}";
    }

    @Test
    void theSampleDocument_isOneSamplePerRunOfTheCanaryVersion_mismatchesOfSamples_withoutBaseline() throws Exception {
        posted(Files.readString(SAMPLE));

        List<Sample> samples = source().read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO);

        assertEquals(List.of(new Sample(Instant.parse("2026-12-02T10:00:00Z"), new Measure.Counts(3, 1000), null),
                new Sample(Instant.parse("2026-12-02T11:00:00Z"), new Measure.Counts(4, 1200), null)), samples,
                "the 2.1.1 run says nothing about 2.1.0");
    }

    @Test
    void runsAreReadInTheirWindow_startExclusive_endInclusive_oldestFirst() throws Exception {
        posted(doc("2.1.0", run("2026-12-02T13:00:00Z", 600, 1), run("2026-12-02T09:00:00Z", 600, 9),
                run("2026-12-02T10:30:00Z", 600, 2), run("2026-12-02T13:00:01Z", 600, 5)));

        List<Sample> samples = source().read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO);

        assertEquals(List.of(Instant.parse("2026-12-02T10:30:00Z"), Instant.parse("2026-12-02T13:00:00Z")),
                samples.stream().map(Sample::at).toList());
    }

    @Test
    void fewerSamplesInTheWholeWindowThanTheQueryAsks_isNoData() throws Exception {
        posted(doc("2.1.0", run("2026-12-02T10:00:00Z", 400, 0), run("2026-12-02T11:00:00Z", 500, 0)));

        assertEquals(List.of(), source().read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO));
    }

    @Test
    void smallRunsTogether_countOnceTheyReachTheSamplesAsked() throws Exception {
        posted(doc("2.1.0", run("2026-12-02T10:00:00Z", 500, 1), run("2026-12-02T11:00:00Z", 500, 0)));

        List<Sample> samples = source().read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO);

        assertEquals(List.of(new Measure.Counts(1, 500), new Measure.Counts(0, 500)), samples.stream().map(Sample::canary).toList());
    }

    @Test
    void resultsNotPostedYet_areNoData() {
        assertEquals(List.of(), source().read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO));
    }

    @Test
    void resultsOfAnotherVersionOnly_areNoData() throws Exception {
        posted(doc("2.0.4", run("2026-12-02T10:00:00Z", 5000, 0)));

        assertEquals(List.of(), source().read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO));
    }

    @Test
    void resultsForAnotherRollout_areUnavailable_namingIt() throws Exception {
        posted(doc("2.1.0", run("2026-12-02T10:00:00Z", 5000, 0)).replace(ROLLOUT, "ios-2-1-0"));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source().read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO));

        assertTrue(e.getMessage().endsWith("are for rollout ios-2-1-0, not web-2-1-0-canary"), e.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void aMalformedDocument_isUnavailable_namingTheField(String json, String says) throws Exception {
        posted(json);

        var e = assertThrows(MetricSource.Unavailable.class, () -> source().read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO));

        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("<html>", "is not JSON"),
                Arguments.of("{\"version\":\"2.1.0\"}", "has no runs list"),
                Arguments.of(doc("2.1.0", run("2026-12-02T10:00:00Z", 1000, 1200)), "runs[0].mismatches 1200 is more than its samples 1000"),
                Arguments.of(doc("2.1.0", "{\"at\":\"yesterday\",\"samples\":1,\"mismatches\":0}"), "runs[0].at 'yesterday' is not an ISO-8601"),
                Arguments.of(doc("2.1.0", "{\"at\":\"2026-12-02T10:00:00Z\",\"samples\":10.5,\"mismatches\":0}"),
                        "runs[0].samples must be a whole number ≥ 0, not 10.5"),
                Arguments.of(doc("2.1.0", "{\"at\":\"2026-12-02T10:00:00Z\",\"samples\":10}"), "runs[0].mismatches must be a whole number"),
                Arguments.of("{\"runs\":[" + run("2026-12-02T10:00:00Z", 10, 0) + "]}", "runs[0] has no version, and neither has the document"),
                Arguments.of(doc("2.1.0", "{\"at\":\"2026-12-02T10:00:00Z\",\"samples\":10,\"mismatches\":0,\"diffs\":[0.1,\"x\"]}"),
                        "runs[0].diffs[1] is not a number"));
    }

    @Test
    void aRunNamesItsOwnVersion_overTheDocuments() throws Exception {
        posted(doc("2.0.4", run("2026-12-02T10:00:00Z", 3000, 0),
                "{\"at\":\"2026-12-02T11:00:00Z\",\"version\":\"2.1.0\",\"samples\":2000,\"mismatches\":7}"));

        assertEquals(List.of(new Sample(Instant.parse("2026-12-02T11:00:00Z"), new Measure.Counts(7, 2000), null)),
                source().read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO));
    }

    @Test
    void theLastReport_keepsEveryRunsDiffsAndOutliers_forTheHtmlReport() throws Exception {
        posted(Files.readString(SAMPLE));
        CanaryDiffMetricSource source = source();
        assertTrue(source.lastReport(ROLLOUT).isEmpty(), "nothing read yet");

        source.read(metric(1000, null), ROLLOUT, "2.1.0", FROM, TO);

        CanaryDiffReport report = source.lastReport(ROLLOUT).orElseThrow();
        assertEquals(3, report.runs().size());
        CanaryDiffReport.Run first = report.runs().get(0);
        assertEquals(List.of(0.0, 0.0, 0.2, 0.0, 1.5, 0.0, 0.0, 0.4), first.diffs());
        assertEquals(new CanaryDiffReport.Outlier("approval/8841", "{\"decision\":\"approve\",\"score\":0.91}",
                "{\"decision\":\"deny\",\"score\":0.48}"), first.outliers().get(0));
        assertEquals(new CanaryDiffReport.Outlier("approval/9120", "approve", "review"), first.outliers().get(1));
        assertEquals("2.1.1", report.runs().get(2).version());
        assertEquals(List.of(), report.runs().get(2).diffs());
    }

    @Test
    void aFileUrl_withTheRolloutIdInIt_isReadInsteadOfTheDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve(ROLLOUT + "-results.json"), doc("2.1.0", run("2026-12-02T10:00:00Z", 1000, 2)));
        CanaryDiffMetricSource noDir = new CanaryDiffMetricSource(null, http);

        List<Sample> samples = noDir.read(metric(1000, "file:" + elsewhere + "/{rolloutId}-results.json"), ROLLOUT, "2.1.0", FROM, TO);

        assertEquals(new Measure.Counts(2, 1000), samples.get(0).canary());
    }

    @Test
    void anHttpsUrl_isFetched_404IsNotPostedYet_andAServerErrorIsUnavailable() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        server.stubFor(get(urlPathEqualTo("/results/web-2-1-0-canary.json"))
                .willReturn(okJson(doc("2.1.0", run("2026-12-02T12:00:00Z", 1500, 3)))));
        server.stubFor(get(urlPathEqualTo("/results/missing.json")).willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlPathEqualTo("/results/broken.json")).willReturn(aResponse().withStatus(500).withBody("boom")));

        assertEquals(List.of(new Sample(Instant.parse("2026-12-02T12:00:00Z"), new Measure.Counts(3, 1500), null)),
                source().read(metric(1000, base + "/results/{rolloutId}.json?sig=abc"), ROLLOUT, "2.1.0", FROM, TO));
        assertEquals(List.of(), source().read(metric(1000, base + "/results/missing.json"), ROLLOUT, "2.1.0", FROM, TO));
        var e = assertThrows(MetricSource.Unavailable.class,
                () -> source().read(metric(1000, base + "/results/broken.json?sig=secret"), ROLLOUT, "2.1.0", FROM, TO));
        assertTrue(e.getMessage().contains("500"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "a signed URL's query is never shown");
        assertEquals(2, server.findAll(getRequestedFor(urlPathEqualTo("/results/broken.json"))).size(), "retried once");
    }

    @Test
    void plainHttpToAnotherHost_isRefused() {
        var e = assertThrows(MetricSource.Unavailable.class,
                () -> source().read(metric(1000, "http://results.example.com/x.json"), ROLLOUT, "2.1.0", FROM, TO));

        assertTrue(e.getMessage().contains("must be file: or https://"), e.getMessage());
    }

    @ParameterizedTest(name = "samples: {0}")
    @MethodSource("badSamples")
    void querySamplesThatIsNotAWholePositiveNumber_isUnavailable(Object samples) {
        var e = assertThrows(MetricSource.Unavailable.class, () -> source().read(metric(samples, null), ROLLOUT, "2.1.0", FROM, TO));

        assertTrue(e.getMessage().contains("query.samples must be a whole number ≥ 1"), e.getMessage());
    }

    static Stream<Object> badSamples() {
        return Stream.of(0, -5, 10.5, "many");
    }

    @Test
    void querySamplesAsText_isRead() throws Exception {
        posted(doc("2.1.0", run("2026-12-02T10:00:00Z", 100, 0)));

        assertEquals(1, source().read(metric("100", null), ROLLOUT, "2.1.0", FROM, TO).size());
    }
}
