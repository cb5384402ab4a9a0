package dev.ringmaster.adapters.cloudwatch;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ringmaster.adapters.cloudwatch.CloudWatchCbor.PATH;
import static dev.ringmaster.adapters.cloudwatch.CloudWatchCbor.Result.complete;
import static dev.ringmaster.adapters.cloudwatch.CloudWatchCbor.error;
import static dev.ringmaster.adapters.cloudwatch.CloudWatchCbor.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ringmaster.adapters.aws.WireMockAws;
import dev.ringmaster.adapters.cloudwatch.CloudWatchCbor.Result;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** What the cloudwatch source asks GetMetricData, and what it makes of CloudWatch's answers (Smithy RPC v2 CBOR). */
class CloudWatchMetricSourceTest {
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant P1 = START;
    private static final Instant P2 = START.plusSeconds(300);
    private static final Instant P3 = START.plusSeconds(600);
    private static final Instant TO = Instant.parse("2026-11-30T12:15:00Z");
    private static final Release RELEASE = new Release("vpn-2-1-0", "com.example.vpn", "2.1.0", "2.0.4", null, START);
    private static final Map<String, Object> VERSIONED = Map.of("Service", "vpn", "AppVersion", "$version");

    private final WireMockAws aws = new WireMockAws();
    private final CloudWatchClient client = aws.client(CloudWatchClient.builder()).build();
    private final CloudWatchMetricSource source = new CloudWatchMetricSource(client, Duration.ofMinutes(5));

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    private static MetricDef rate(Map<String, Object> dimensions) {
        return new MetricDef("connect_failure_rate", MetricKind.RATE, "cloudwatch",
                Map.of("namespace", "VPN", "bad", "ConnectFailures", "total", "Connects", "dimensions", dimensions));
    }

    private void answer(ResponseDefinitionBuilder response) {
        aws.server.stubFor(post(urlPathEqualTo(PATH)).willReturn(response));
    }

    private List<JsonNode> requests() {
        return aws.server.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream().map(r -> CloudWatchCbor.read(r.getBody())).toList();
    }

    private static List<String> ids(JsonNode request) {
        List<String> out = new ArrayList<>();
        request.path("MetricDataQueries").forEach(q -> out.add(q.path("Id").asText()));
        return out;
    }

    private static String dimension(JsonNode request, String id, String name) {
        for (JsonNode q : request.path("MetricDataQueries")) {
            if (q.path("Id").asText().equals(id)) {
                for (JsonNode d : q.path("MetricStat").path("Metric").path("Dimensions")) {
                    if (d.path("Name").asText().equals(name)) {
                        return d.path("Value").asText();
                    }
                }
            }
        }
        return null;
    }

    // --- reading

    @Test
    void aVersionRate_isOneCall_withTheCanaryAndThePreviousVersion_oneSamplePerPeriodAtItsEnd() {
        answer(page(null,
                complete("c_bad", List.of(P1, P2, P3), List.of(3.0, 5.0, 0.0)),
                complete("c_total", List.of(P1, P2, P3), List.of(1000.0, 1200.0, 900.0)),
                complete("b_bad", List.of(P1, P2, P3), List.of(1.0, 2.0, 1.0)),
                complete("b_total", List.of(P1, P2, P3), List.of(4000.0, 4100.0, 3900.0))));

        List<Sample> samples = source.read(rate(VERSIONED), RELEASE, START, TO);

        assertEquals(List.of(
                new Sample(P2, new Measure.Counts(3, 1000), new Measure.Counts(1, 4000)),
                new Sample(P3, new Measure.Counts(5, 1200), new Measure.Counts(2, 4100)),
                new Sample(TO, new Measure.Counts(0, 900), new Measure.Counts(1, 3900))), samples);
        List<JsonNode> sent = requests();
        assertEquals(1, sent.size());
        JsonNode request = sent.get(0);
        assertEquals(List.of("c_bad", "c_total", "b_bad", "b_total"), ids(request));
        assertEquals("2.1.0", dimension(request, "c_bad", "AppVersion"));
        assertEquals("2.0.4", dimension(request, "b_total", "AppVersion"));
        assertEquals("vpn", dimension(request, "b_total", "Service"));
        assertEquals(START.getEpochSecond(), request.path("StartTime").asLong());
        assertEquals(TO.getEpochSecond(), request.path("EndTime").asLong());
        assertEquals("TimestampAscending", request.path("ScanBy").asText());
        JsonNode stat = request.path("MetricDataQueries").get(0).path("MetricStat");
        assertEquals("Sum", stat.path("Stat").asText());
        assertEquals(300, stat.path("Period").asInt());
        assertEquals("ConnectFailures", stat.path("Metric").path("MetricName").asText());
        assertEquals("VPN", stat.path("Metric").path("Namespace").asText());
    }

    @Test
    void withoutVersion_theBaselineIsASecondCall_overTheSameLengthOfTimeBeforeTheStart() {
        Instant b1 = P1.minus(Duration.ofMinutes(20));
        aws.server.stubFor(post(urlPathEqualTo(PATH)).inScenario("two").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(page(null, complete("c_bad", List.of(P1, P2, P3), List.of(3.0, 4.0, 5.0)),
                        complete("c_total", List.of(P1, P2, P3), List.of(100.0, 100.0, 100.0))))
                .willSetStateTo("baseline"));
        aws.server.stubFor(post(urlPathEqualTo(PATH)).inScenario("two").whenScenarioStateIs("baseline")
                .willReturn(page(null, complete("b_bad", List.of(b1, b1.plusSeconds(600)), List.of(1.0, 2.0)),
                        complete("b_total", List.of(b1, b1.plusSeconds(300), b1.plusSeconds(600)), List.of(200.0, 200.0, 200.0)))));

        List<Sample> samples = source.read(rate(Map.of("Service", "vpn")), RELEASE, START.plusSeconds(120), START.plus(Duration.ofMinutes(16)));

        assertEquals(List.of(
                new Sample(P2, new Measure.Counts(3, 100), new Measure.Counts(1, 200)),
                new Sample(P3, new Measure.Counts(4, 100), null),
                new Sample(TO, new Measure.Counts(5, 100), new Measure.Counts(2, 200))), samples);
        List<JsonNode> sent = requests();
        assertEquals(List.of("c_bad", "c_total"), ids(sent.get(0)));
        assertEquals(List.of("b_bad", "b_total"), ids(sent.get(1)));
        assertEquals(b1.getEpochSecond(), sent.get(1).path("StartTime").asLong());
        assertEquals(TO.minus(Duration.ofMinutes(20)).getEpochSecond(), sent.get(1).path("EndTime").asLong(), "ends before the rollout started");
    }

    @Test
    void nextTokenPages_andPartialData_areFollowedAndJoined() {
        aws.server.stubFor(post(urlPathEqualTo(PATH)).inScenario("pages").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(page("token-2", new Result("c_value", "PartialData", List.of(P1, P2), List.of(10.0, 11.0), List.of()),
                        new Result("c_value_unused", "Complete", List.of(), List.of(), List.of())))
                .willSetStateTo("second"));
        aws.server.stubFor(post(urlPathEqualTo(PATH)).inScenario("pages").whenScenarioStateIs("second")
                .willReturn(page(null, complete("c_value", List.of(P3), List.of(12.0)))));
        MetricDef errors = new MetricDef("errors", MetricKind.COUNT, "cloudwatch", Map.of("namespace", "VPN", "metric", "Errors"));

        List<Sample> samples = source.read(errors, "vpn-2-1-0", "2.1.0", START, TO);

        assertEquals(List.of(new Sample(P2, new Measure.Events(10, 5), null), new Sample(P3, new Measure.Events(11, 5), null),
                new Sample(TO, new Measure.Events(12, 5), null)), samples);
        List<JsonNode> sent = requests();
        assertEquals(2, sent.size());
        assertTrue(sent.get(0).path("NextToken").isMissingNode());
        assertEquals("token-2", sent.get(1).path("NextToken").asText());
    }

    @Test
    void noDatapoints_isNoSamples_notZero() {
        answer(page(null, complete("c_bad", List.of(), List.of()), complete("c_total", List.of(), List.of()),
                complete("b_bad", List.of(), List.of()), complete("b_total", List.of(), List.of())));

        assertEquals(List.of(), source.read(rate(VERSIONED), RELEASE, START, TO));
    }

    @Test
    void aPeriodOnlyOneMetricHas_orWithATotalOfZero_isNoData() {
        answer(page(null, complete("c_bad", List.of(P1, P3), List.of(1.0, 0.0)), complete("c_total", List.of(P1, P2, P3), List.of(50.0, 60.0, 0.0))));

        List<Sample> samples = source.read(rate(VERSIONED), new Release("r", null, "2.1.0", null, null, START), START, TO);

        assertEquals(List.of(new Sample(P2, new Measure.Counts(1, 50), null)), samples);
    }

    @Test
    void aGauge_readsItsStat_andACount_isTheSumOfThePeriod() {
        answer(page(null, complete("c_value", List.of(P3), List.of(412.5))));
        MetricDef latency = new MetricDef("latency_p99", MetricKind.GAUGE, "cloudwatch",
                Map.of("namespace", "VPN", "metric", "ConnectLatency", "stat", "p99", "dimensions", Map.of("Service", "vpn")));

        List<Sample> samples = source.read(latency, "vpn-2-1-0", "2.1.0", START, TO);

        assertEquals(List.of(new Sample(TO, new Measure.Value(412.5), null)), samples);
        assertEquals("p99", requests().get(0).path("MetricDataQueries").get(0).path("MetricStat").path("Stat").asText());
    }

    @Test
    void withoutAFrom_itReadsThePeriodEndingLastAtOrBeforeTo() {
        answer(page(null, complete("c_value", List.of(P3), List.of(7.0))));
        MetricDef errors = new MetricDef("errors", MetricKind.COUNT, "cloudwatch", Map.of("namespace", "VPN", "metric", "Errors"));

        List<Sample> samples = source.read(errors, "vpn-2-1-0", "2.1.0", null, TO.plusSeconds(200));

        assertEquals(List.of(new Sample(TO, new Measure.Events(7, 5), null)), samples);
        assertEquals(P3.getEpochSecond(), requests().get(0).path("StartTime").asLong());
        assertEquals(TO.getEpochSecond(), requests().get(0).path("EndTime").asLong());
    }

    @Test
    void aVersionDimension_withoutAPreviousVersion_hasNoBaseline() {
        answer(page(null, complete("c_bad", List.of(P1), List.of(1.0)), complete("c_total", List.of(P1), List.of(10.0))));

        List<Sample> samples = source.read(rate(VERSIONED), new Release("r", null, "2.1.0", null, null, START), START, P2);

        assertEquals(List.of(new Sample(P2, new Measure.Counts(1, 10), null)), samples);
        assertEquals(List.of("c_bad", "c_total"), ids(requests().get(0)));
    }

    // --- refusals

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusRefusals")
    void aResultCloudWatchCouldNotRead_isUnavailable_withItsMessages(String status, String code, String text) {
        answer(page(null, new Result("c_bad", status, List.of(), List.of(), List.<String[]>of(new String[] {code, text})),
                complete("c_total", List.of(P1), List.of(10.0))));

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> source.read(rate(VERSIONED), RELEASE, START, TO));

        assertTrue(e.getMessage().contains("answered " + status + " for c_bad: " + code + " " + text), e.getMessage());
    }

    static Stream<Arguments> statusRefusals() {
        return Stream.of(
                Arguments.of("InternalError", "InternalError", "An internal error occurred while retrieving the data."),
                Arguments.of("Forbidden", "Forbidden", "Cross-account access to account 111122223333 is not allowed."));
    }

    @Test
    void throttling_isRetriedByTheSdk_thenUnavailable() {
        answer(error(400, "Throttling", "com.amazon.coral.availability#ThrottlingException", "Rate exceeded"));

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> source.read(rate(VERSIONED), RELEASE, START, TO));

        assertTrue(e.getMessage().contains("GetMetricData failed: HTTP 400 Throttling: Rate exceeded"), e.getMessage());
        assertEquals(3, requests().size(), "the SDK's three attempts");
    }

    @Test
    void anUnreachableCloudWatch_isUnavailable() {
        aws.server.stop();

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> source.read(rate(VERSIONED), RELEASE, START, TO));

        assertTrue(e.getMessage().startsWith("cloudwatch metric connect_failure_rate: GetMetricData failed: "), e.getMessage());
    }

    @Test
    void aStatCloudWatchRejects_isUnavailable_withItsMessage() {
        answer(error(400, "InvalidParameterValue", "com.amazonaws.cloudwatch#InvalidParameterValueException",
                "The value p99.x for parameter MetricDataQueries.member.1.MetricStat.Stat is not a valid statistic."));
        MetricDef latency = new MetricDef("latency_p99", MetricKind.GAUGE, "cloudwatch",
                Map.of("namespace", "VPN", "metric", "ConnectLatency", "stat", "p99.x"));

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> source.read(latency, RELEASE, START, TO));

        assertTrue(e.getMessage().contains("HTTP 400 InvalidParameterValue: The value p99.x"), e.getMessage());
        assertEquals(1, requests().size(), "a rejected request is not retried");
    }

    @Test
    void moreBadThanTotal_isUnavailable_namingBothMetrics() {
        answer(page(null, complete("c_bad", List.of(P1), List.of(12.0)), complete("c_total", List.of(P1), List.of(10.0)),
                complete("b_bad", List.of(), List.of()), complete("b_total", List.of(), List.of())));

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> source.read(rate(VERSIONED), RELEASE, START, TO));

        assertTrue(e.getMessage().contains("query.bad ConnectFailures (VPN, Sum, {Service=vpn, AppVersion=$version}) gave 12")
                || e.getMessage().contains("query.bad ConnectFailures (VPN, Sum, {AppVersion=$version, Service=vpn}) gave 12"), e.getMessage());
        assertTrue(e.getMessage().contains("query.total Connects"), e.getMessage());
    }

    @Test
    void aQueryMissingAKey_isUnavailable_namingIt_withoutCallingCloudWatch() {
        MetricDef noNamespace = new MetricDef("m", MetricKind.COUNT, "cloudwatch", Map.of("metric", "Errors"));
        MetricDef noStat = new MetricDef("m", MetricKind.GAUGE, "cloudwatch", Map.of("namespace", "VPN", "metric", "Latency"));
        MetricDef listDimensions = new MetricDef("m", MetricKind.COUNT, "cloudwatch",
                Map.of("namespace", "VPN", "metric", "Errors", "dimensions", List.of("Service=vpn")));

        assertTrue(assertThrows(MetricSource.Unavailable.class, () -> source.read(noNamespace, RELEASE, START, TO)).getMessage().contains("needs query.namespace"));
        assertTrue(assertThrows(MetricSource.Unavailable.class, () -> source.read(noStat, RELEASE, START, TO)).getMessage().contains("needs query.stat"));
        assertTrue(assertThrows(MetricSource.Unavailable.class, () -> source.read(listDimensions, RELEASE, START, TO)).getMessage()
                .contains("query.dimensions must be a map"));
        assertEquals(0, requests().size());
    }

    @Test
    void aPeriodCloudWatchDoesNotOffer_isRefusedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new CloudWatchMetricSource(client, Duration.ofSeconds(90)));
        assertThrows(IllegalArgumentException.class, () -> new CloudWatchMetricSource(client, Duration.ofSeconds(7)));
    }
}
