package dev.ringmaster.adapters.live;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ringmaster.adapters.notify.Notifiers;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Sources;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.Release;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a deployment reads each plan's metrics and tells its channels: the plan's spec.sources, or the environment's override. */
class LiveSignalsTest {
    private static final Instant TO = Instant.parse("2026-11-30T12:10:00Z");
    private static final MetricDef FAILURES = new MetricDef("connect_failure_rate", MetricKind.RATE, "prometheus",
            Map.of("bad", "sum(increase(connect_fail_total{version=\"$version\"}[$step]))", "total", "sum(increase(connect_total{version=\"$version\"}[$step]))"));
    private final WireMockServer prometheus = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final LocalSecrets secrets = new LocalSecrets(Map.of("PROM_BEARER", "Bearer s3cr3t-token"), null);

    LiveSignalsTest() {
        prometheus.start();
    }

    @AfterEach
    void stop() {
        prometheus.stop();
    }

    private static Release release(Sources sources) {
        return new Release("vpn", "com.example.vpn", "2.1.0", null, null, TO.minusSeconds(600), sources);
    }

    private String matrix(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[" + TO.getEpochSecond() + ",\"" + value + "\"]]}]}}";
    }

    @Test
    void theEnvironmentsPrometheusWinsOverThePlans_andAHeaderReferenceIsSentResolved() {
        prometheus.stubFor(post(urlPathEqualTo("/api/v1/query_range")).withRequestBody(containing("connect_fail_total")).willReturn(okJson(matrix("3"))));
        prometheus.stubFor(post(urlPathEqualTo("/api/v1/query_range")).withRequestBody(containing("connect_total")).willReturn(okJson(matrix("200"))));
        LiveSources live = LiveSources.from(k -> k.equals(LiveSources.PROMETHEUS_URL) ? Optional.of(prometheus.baseUrl()) : Optional.empty(),
                Map.of(), Clock.systemUTC(), secrets);
        Sources plan = new Sources(new Sources.Prometheus("https://prometheus.vpn.example", Map.of("Authorization", "env:PROM_BEARER")), null, null, null);

        List<Sample> samples = live.read(FAILURES, release(plan), TO.minusSeconds(300), TO);

        assertEquals(List.of(new Sample(TO, new Measure.Counts(3, 200), null)), samples);
        prometheus.verify(postRequestedFor(urlPathEqualTo("/api/v1/query_range")).withHeader("Authorization", equalTo("Bearer s3cr3t-token")));
    }

    @Test
    void withoutAnyPrometheusURL_theReadSaysWhichSettingIsMissing() {
        LiveSources live = LiveSources.from(k -> Optional.empty(), Map.of(), Clock.systemUTC(), secrets);

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> live.read(FAILURES, release(Sources.NONE), TO.minusSeconds(300), TO));
        assertEquals("no Prometheus URL: give spec.sources.prometheus.url or set RINGMASTER_PROMETHEUS_URL", e.getMessage());
    }

    @Test
    void anUnresolvableHeaderReference_isUnavailableNamingTheReference_notAValue() {
        LiveSources live = LiveSources.from(k -> Optional.empty(), Map.of(), Clock.systemUTC(), secrets);
        Sources plan = new Sources(new Sources.Prometheus(prometheus.baseUrl(), Map.of("Authorization", "env:NOT_SET")), null, null, null);

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> live.read(FAILURES, release(plan), TO.minusSeconds(300), TO));
        assertTrue(e.getMessage().contains("env:NOT_SET"), e.getMessage());
    }

    @Test
    void aSentryMetricWithoutSpecSourcesSentry_saysWhatToAdd() {
        LiveSources live = LiveSources.from(k -> Optional.empty(), Map.of(), Clock.systemUTC(), secrets);
        MetricDef crashes = new MetricDef("crash_rate", MetricKind.RATE, "sentry", Map.of("project", "vpn-ios", "field", "crashed-sessions"));

        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> live.read(crashes, release(Sources.NONE), TO.minusSeconds(3600), TO));
        assertEquals("no spec.sources.sentry in the plan: give its org and a token reference", e.getMessage());
    }

    @Test
    void webhookAndReportMetrics_areNotPolled_theDeploymentAddsTheirReaderFromTheRolloutsHistory() {
        LiveSources live = LiveSources.from(k -> Optional.empty(), Map.of(), Clock.systemUTC(), secrets);
        MetricDef bugs = new MetricDef("critical_bugs", MetricKind.COUNT, "webhook", Map.of("kind", "critical-bug"));

        assertEquals("no adapter for source 'webhook' in this build",
                assertThrows(MetricSource.Unavailable.class, () -> live.read(bugs, release(Sources.NONE), TO.minusSeconds(3600), TO)).getMessage());
        assertEquals(Set.of("canary-diff", "cloudwatch", "play-vitals", "prometheus", "sentry", "static"), live.registered());
        assertFalse(live.registered().contains("webhook"));

        live.with("webhook", (metric, id, version, from, to) -> List.of());
        assertEquals(List.of(), live.read(bugs, release(Sources.NONE), TO.minusSeconds(3600), TO));
        assertTrue(live.registered().contains("webhook"));
    }

    @Test
    void aDeploymentHasEveryTeamChannelAndStatuspage_butNoInAppOrTestFlightNotes() {
        Notifiers channels = LiveNotifiers.from(k -> Optional.empty(), Map.of(), Clock.systemUTC());

        assertEquals(Set.of("email", "slack", "statuspage", "teams", "webhook"), Set.copyOf(channels.channels()));
    }

    @Test
    void emailWithoutAnAwsRegion_failsSayingWhichSettingIsMissing() {
        Notifiers channels = LiveNotifiers.from(k -> Optional.empty(), Map.of(), Clock.systemUTC());
        NotifyRule email = new NotifyRule("email", null, List.of(), null, List.of("cto@example.com"), null, null, null, List.of(), "releases@example.com");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> channels.send(email, new Notifier.Message("vpn", NotifyEvent.HALTED, "vpn halted", "crash rate")));
        assertEquals("email goes through Amazon SES, which needs an AWS region: set ringmaster.aws.region or AWS_REGION", e.getMessage());
    }
}
