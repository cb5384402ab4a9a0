package dev.ringmaster.adapters.sentry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.Sources;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.net.URI;
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

/** Release health of the canary and the release it replaces, hour by hour, and Sentry's refusals. */
class SentryMetricSourceTest {
    private static final String SESSIONS = "/api/0/organizations/acme/sessions/";
    private static final String CANARY = "com.example.vpn@2.1.0";
    private static final String PREVIOUS = "com.example.vpn@2.0.4";
    private static final Instant FROM = Instant.parse("2026-05-02T09:10:00Z");
    private static final Instant TO = Instant.parse("2026-05-02T12:40:00Z");
    private static final Release RELEASE = new Release("android-2-1-0", "com.example.vpn", "2.1.0", "2.0.4", null, FROM);
    private static final String TOKEN = "sntrys_eyJpYXQiOjE3NDYxMjM0NTYuNzg5LCJ1cmwiOiJodHRwczovL3NlbnRyeS5pbyJ9_c2VjcmV0";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final SentryMetricSource source;

    SentryMetricSourceTest() {
        server.start();
        source = new SentryMetricSource(URI.create("http://127.0.0.1:" + server.port()), "acme", () -> TOKEN, http());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static Http http() {
        return new Http(Http.client(), new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofSeconds(5)), "Sentry");
    }

    private static MetricDef metric(String field, Object project) {
        return new MetricDef("crash_rate", MetricKind.RATE, "sentry", Map.of("project", project, "field", field));
    }

    private static final String[] HOURS = {"2026-05-02T09:00:00Z", "2026-05-02T10:00:00Z", "2026-05-02T11:00:00Z"};

    /** A sessions answer over {@link #HOURS}: {@code groups} as built by {@link #group}. */
    private static String sessions(String query, String... groups) {
        return "{\"start\":\"2026-05-02T09:00:00Z\",\"end\":\"2026-05-02T12:00:00Z\",\"query\":\"" + query.replace("\"", "\\\"")
                + "\",\"intervals\":[\"" + String.join("\",\"", HOURS) + "\"],\"groups\":[" + String.join(",", groups) + "]}";
    }

    private static String group(String release, String status, String field, String series) {
        return "{\"by\":{\"release\":\"" + release + "\",\"session.status\":\"" + status + "\"},\"totals\":{},\"series\":{\"" + field
                + "\":[" + series + "]}}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private void answer(String body) {
        server.stubFor(get(urlPathEqualTo(SESSIONS)).willReturn(okJson(body)));
    }

    private List<LoggedRequest> requests() {
        return server.findAll(getRequestedFor(urlPathEqualTo(SESSIONS)));
    }

    /** Sessions of both releases in every status: canary 1, 0, 2 crashed; previous release 0, 1, 1. */
    private static String[] everyStatus(String field) {
        return new String[] {
                group(CANARY, "healthy", field, "950,980,1900"),
                group(CANARY, "errored", field, "30,15,60"),
                group(CANARY, "crashed", field, "1,0,2"),
                group(CANARY, "abnormal", field, "4,5,8"),
                group(PREVIOUS, "healthy", field, "8000,8100,7900"),
                group(PREVIOUS, "errored", field, "100,90,120"),
                group(PREVIOUS, "crashed", field, "0,1,1"),
                group(PREVIOUS, "abnormal", field, "9,10,11")};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void eachCompleteHour_isTheCanaryReleaseAgainstThePreviousRelease(String field, String aggregate, List<Sample> expected) {
        answer(sessions("", everyStatus(aggregate)));

        assertEquals(expected, source.read(metric(field, "vpn-android"), RELEASE, FROM, TO));
        assertEquals(aggregate, requests().get(0).queryParameter("field").firstValue());
    }

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("crashed-sessions", "sum(session)", List.of(
                        new Sample(Instant.parse("2026-05-02T10:00:00Z"), new Measure.Counts(1, 985), new Measure.Counts(0, 8109)),
                        new Sample(Instant.parse("2026-05-02T11:00:00Z"), new Measure.Counts(0, 1000), new Measure.Counts(1, 8201)),
                        new Sample(Instant.parse("2026-05-02T12:00:00Z"), new Measure.Counts(2, 1970), new Measure.Counts(1, 8032)))),
                Arguments.of("errored-sessions", "sum(session)", List.of(
                        new Sample(Instant.parse("2026-05-02T10:00:00Z"), new Measure.Counts(35, 985), new Measure.Counts(109, 8109)),
                        new Sample(Instant.parse("2026-05-02T11:00:00Z"), new Measure.Counts(20, 1000), new Measure.Counts(101, 8201)),
                        new Sample(Instant.parse("2026-05-02T12:00:00Z"), new Measure.Counts(70, 1970), new Measure.Counts(132, 8032)))),
                Arguments.of("crashed-users", "count_unique(user)", List.of(
                        new Sample(Instant.parse("2026-05-02T10:00:00Z"), new Measure.Counts(1, 985), new Measure.Counts(0, 8109)),
                        new Sample(Instant.parse("2026-05-02T11:00:00Z"), new Measure.Counts(0, 1000), new Measure.Counts(1, 8201)),
                        new Sample(Instant.parse("2026-05-02T12:00:00Z"), new Measure.Counts(2, 1970), new Measure.Counts(1, 8032)))));
    }

    @Test
    void theRequest_groupsByReleaseAndStatus_forBothReleases_overWholeHours_withTheBearerToken() {
        answer(sessions(""));

        source.read(metric("crashed-sessions", "vpn-android"), RELEASE, FROM, TO);

        LoggedRequest r = requests().get(0);
        assertEquals(List.of("release", "session.status"), r.queryParameter("groupBy").values());
        assertEquals("vpn-android", r.queryParameter("projectSlug").firstValue());
        assertFalse(r.queryParameter("project").isPresent());
        assertEquals("release:\"" + CANARY + "\" OR release:\"" + PREVIOUS + "\"", r.queryParameter("query").firstValue());
        assertEquals("1h", r.queryParameter("interval").firstValue());
        assertEquals("2026-05-02T09:00:00Z", r.queryParameter("start").firstValue());
        assertEquals("2026-05-02T12:00:00Z", r.queryParameter("end").firstValue(), "the running hour is not asked for");
        assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"));
    }

    @Test
    void aNumericProject_isSentAsAProjectId() {
        answer(sessions(""));

        source.read(metric("crashed-sessions", 4505123), RELEASE, FROM, TO);

        assertEquals("4505123", requests().get(0).queryParameter("project").firstValue());
        assertFalse(requests().get(0).queryParameter("projectSlug").isPresent());
    }

    @Test
    void queryOrg_overridesTheSourcesOrganization() {
        server.stubFor(get(urlPathEqualTo("/api/0/organizations/other-org/sessions/")).willReturn(okJson(sessions(""))));
        MetricDef def = new MetricDef("m", MetricKind.RATE, "sentry", Map.of("project", "p", "org", "other-org", "field", "crashed-sessions"));

        assertEquals(List.of(), source.read(def, RELEASE, FROM, TO));
        assertEquals(1, server.findAll(getRequestedFor(urlPathEqualTo("/api/0/organizations/other-org/sessions/"))).size());
    }

    @Test
    void nullSeriesAndHoursWithoutSessions_areNoData_neverZero() {
        answer(sessions("",
                group(CANARY, "healthy", "sum(session)", "null,0,500"),
                group(CANARY, "crashed", "sum(session)", "null,0,1"),
                group(PREVIOUS, "healthy", "sum(session)", "null,null,null")));

        List<Sample> samples = source.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO);

        assertEquals(List.of(new Sample(Instant.parse("2026-05-02T12:00:00Z"), new Measure.Counts(1, 501), null)), samples);
    }

    @Test
    void anAnswerInOtherIntervalsThanHours_isUnavailable_neverStampedWrongly() {
        answer(sessions("", everyStatus("sum(session)")).replace("2026-05-02T10:00:00Z", "2026-05-03T00:00:00Z")
                .replace("2026-05-02T11:00:00Z", "2026-05-04T00:00:00Z"));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO));

        assertTrue(e.getMessage().contains("not the hours asked for"), e.getMessage());
    }

    @Test
    void noGroups_isNoData() {
        answer(sessions(""));

        assertEquals(List.of(), source.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO));
    }

    @Test
    void withoutAPreviousVersion_thereIsNoBaseline_andOnlyTheCanaryIsAskedFor() {
        answer(sessions("", everyStatus("sum(session)")));
        Release first = new Release("android-2-1-0", "com.example.vpn", "2.1.0", null, null, FROM);

        List<Sample> samples = source.read(metric("crashed-sessions", "p"), first, FROM, TO);

        assertEquals("release:\"" + CANARY + "\"", requests().get(0).queryParameter("query").firstValue());
        assertEquals(3, samples.size());
        samples.forEach(s -> assertNull(s.baseline()));
    }

    @Test
    void withoutAnApp_theReleaseIsNamedByItsVersion() {
        answer(sessions(""));

        source.read(metric("crashed-sessions", "p"), "web-2-1-0", "2.1.0", FROM, TO);

        assertEquals("release:\"2.1.0\"", requests().get(0).queryParameter("query").firstValue());
    }

    @Test
    void aWindowLongerThanThirtyDays_isAskedForInParts() {
        answer(sessions(""));

        source.read(metric("crashed-sessions", "p"), RELEASE, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-05-02T00:00:00Z"));

        List<String> starts = new ArrayList<>();
        requests().forEach(r -> starts.add(r.queryParameter("start").firstValue() + ".." + r.queryParameter("end").firstValue()));
        assertEquals(List.of("2026-03-01T00:00:00Z..2026-03-31T00:00:00Z", "2026-03-31T00:00:00Z..2026-04-30T00:00:00Z",
                "2026-04-30T00:00:00Z..2026-05-02T00:00:00Z"), starts);
    }

    @Test
    void aWindowInsideTheRunningHour_asksNothing() {
        assertEquals(List.of(), source.read(metric("crashed-sessions", "p"), RELEASE, Instant.parse("2026-05-02T12:05:00Z"), TO));
        assertEquals(0, requests().size());
    }

    @Test
    void a400_isUnavailable_withSentrysDetail() {
        server.stubFor(get(urlPathEqualTo(SESSIONS)).willReturn(json(400,
                "{\"detail\":\"Your interval and date range would create too many results. Use a larger interval, or a smaller date range.\"}")));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO));

        assertEquals("Sentry answered 400 to the sessions query of acme: Your interval and date range would create too many results. "
                + "Use a larger interval, or a smaller date range.", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedToken_isUnavailable_neverShowingTheToken(int status, String body) {
        server.stubFor(get(urlPathEqualTo(SESSIONS)).willReturn(json(status, body)));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO));

        assertTrue(e.getMessage().startsWith("Sentry refused the token for organization acme (" + status), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        assertFalse(e.getMessage().contains("sntrys_"));
        assertEquals(1, requests().size(), "a refusal is not retried");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(Arguments.of(401, "{\"detail\":\"Invalid token\"}"),
                Arguments.of(403, "{\"detail\":\"You do not have permission to perform this action.\"}"));
    }

    @Test
    void a429_waitsForRetryAfter_thenReads() {
        server.stubFor(get(urlPathEqualTo(SESSIONS)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "{\"detail\":\"You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds\"}")
                        .withHeader("Retry-After", "1").withHeader("X-Sentry-Rate-Limit-Remaining", "0"))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(SESSIONS)).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(okJson(sessions("", everyStatus("sum(session)")))));
        long started = System.nanoTime();

        assertEquals(3, source.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO).size());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 900, "Retry-After: 1 was honoured");
    }

    @Test
    void a5xxThatStays_isUnavailable() {
        server.stubFor(get(urlPathEqualTo(SESSIONS)).willReturn(json(502, "<html>bad gateway</html>")));

        var e = assertThrows(MetricSource.Unavailable.class, () -> source.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO));

        assertTrue(e.getMessage().contains("502"), e.getMessage());
        assertEquals(3, requests().size());
    }

    @Test
    void anUnknownFieldOrNoProject_isUnavailable_namingTheKey() {
        var field = assertThrows(MetricSource.Unavailable.class, () -> source.read(metric("crash-free", "p"), RELEASE, FROM, TO));
        assertTrue(field.getMessage().contains("query.field must be one of crashed-sessions, errored-sessions, crashed-users"));
        MetricDef noProject = new MetricDef("m", MetricKind.RATE, "sentry", Map.of("field", "crashed-sessions"));
        var project = assertThrows(MetricSource.Unavailable.class, () -> source.read(noProject, RELEASE, FROM, TO));
        assertTrue(project.getMessage().contains("query.project"));
    }

    @Test
    void fromSources_theEnvironmentUrlWins_andTheTokenIsReadFromItsReference() {
        answer(sessions(""));
        SentryMetricSource configured = SentryMetricSource.fromSources(new Sources.Sentry("https://sentry.example.com", "acme", "env:SENTRY_TOKEN"),
                new LocalSecrets(Map.of("SENTRY_TOKEN", TOKEN), null),
                Map.of("RINGMASTER_SENTRY_URL", "http://127.0.0.1:" + server.port()), http());

        configured.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO);

        assertEquals("Bearer " + TOKEN, requests().get(0).getHeader("Authorization"));
    }

    @Test
    void fromSources_withoutATokenOrOrganization_isUnavailable_sayingWhatToSet() {
        SentryMetricSource noToken = SentryMetricSource.fromSources(new Sources.Sentry(null, "acme", null), ref -> "x",
                Map.of("RINGMASTER_SENTRY_URL", "http://127.0.0.1:" + server.port()), http());
        var t = assertThrows(MetricSource.Unavailable.class, () -> noToken.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO));
        assertTrue(t.getMessage().contains("spec.sources.sentry.token"), t.getMessage());

        SentryMetricSource noOrg = SentryMetricSource.fromSources(null, ref -> "x", Map.of(), http());
        var o = assertThrows(MetricSource.Unavailable.class, () -> noOrg.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO));
        assertTrue(o.getMessage().contains("spec.sources.sentry.org or query.org"), o.getMessage());
        assertEquals(0, requests().size());
    }

    @Test
    void anUnresolvableTokenReference_isUnavailable_namingTheReference() {
        SentryMetricSource s = SentryMetricSource.fromSources(new Sources.Sentry(null, "acme", "env:MISSING"),
                new LocalSecrets(Map.of(), null), Map.of("RINGMASTER_SENTRY_URL", "http://127.0.0.1:" + server.port()), http());

        var e = assertThrows(MetricSource.Unavailable.class, () -> s.read(metric("crashed-sessions", "p"), RELEASE, FROM, TO));

        assertEquals("no Sentry auth token: cannot read secret env:MISSING: the environment variable is not set", e.getMessage());
    }
}
