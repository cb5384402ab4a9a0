package dev.ringmaster.adapters.playvitals;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.ringmaster.adapters.MutableClock;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.Release;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** WireMock on loopback for the Reporting API and Google's token endpoint, and the bodies the API sends (REFERENCE-signals §1). */
final class ReportingWireMock implements AutoCloseable {
    static final String APP = "/v1beta1/apps/com.example.vpn";
    static final String CRASH_SET = APP + "/crashRateMetricSet";
    static final String CRASH_QUERY = CRASH_SET + ":query";
    static final String EMAIL = "ringmaster-vitals@ringmaster-test.iam.gserviceaccount.com";
    static final KeyPair KEYS = keys();
    static final Target TARGET = new Target(TargetType.GOOGLE_PLAY,
            Map.of("packageName", "com.example.vpn", "track", "production", "versionCodes", List.of(2100, "2101")));
    static final Release RELEASE = new Release("android-2-1-0", "com.example.vpn", "2.1.0", "2.0.0", TARGET,
            Instant.parse("2026-05-01T00:00:00Z"));
    static final MetricDef CRASH_RATE = metric("crashRate");

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final MutableClock clock = new MutableClock(Instant.parse("2026-05-02T13:20:00Z"));

    ReportingWireMock() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(okJson(token("ya29.c.vitals-1"))));
    }

    static MetricDef metric(String name) {
        return new MetricDef("crash_rate", MetricKind.RATE, "play-vitals", Map.of("metric", name));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    String tokenUri() {
        return endpoint() + "/token";
    }

    static Http http() {
        return new Http(Http.client(), new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                "Play Developer Reporting");
    }

    PlayVitalsMetricSource source(Supplier<String> token) {
        return new PlayVitalsMetricSource(endpoint(), token, http(), clock, PlayVitalsMetricSource.DEFAULT_MAX_AGE);
    }

    /** The calls in the order they arrived, token requests left out, as "METHOD path". */
    List<String> calls() {
        List<String> calls = new ArrayList<>();
        for (ServeEvent e : events()) {
            if (!e.getRequest().getUrl().startsWith("/token")) {
                calls.add(e.getRequest().getMethod().getName() + " " + e.getRequest().getUrl());
            }
        }
        return calls;
    }

    List<ServeEvent> events() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    List<String> queryBodies() {
        return events().stream().filter(e -> e.getRequest().getUrl().endsWith(":query")).map(e -> e.getRequest().getBodyAsString()).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    // --- bodies

    static String token(String value) {
        return "{\"access_token\":\"" + value + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";
    }

    /** The metric set with its freshness: DAILY lags a day behind in Los Angeles, HOURLY ends at {@code hourlyEnd} (UTC). */
    static String metricSet(String set, String hourlyEnd) {
        return "{\"name\":\"apps/com.example.vpn/" + set + "\",\"freshnessInfo\":{\"freshnesses\":["
                + "{\"aggregationPeriod\":\"DAILY\",\"latestEndTime\":{\"year\":2026,\"month\":4,\"day\":30,"
                + "\"timeZone\":{\"id\":\"America/Los_Angeles\"}}},"
                + "{\"aggregationPeriod\":\"HOURLY\",\"latestEndTime\":" + dateTime(hourlyEnd) + "}]}}";
    }

    /** A google.type.DateTime in UTC, as the API writes it: a zero hour left out. */
    static String dateTime(String instant) {
        java.time.ZonedDateTime t = Instant.parse(instant).atZone(java.time.ZoneOffset.UTC);
        return "{\"year\":" + t.getYear() + ",\"month\":" + t.getMonthValue() + ",\"day\":" + t.getDayOfMonth()
                + (t.getHour() == 0 ? "" : ",\"hours\":" + t.getHour()) + ",\"timeZone\":{\"id\":\"UTC\"}}";
    }

    /** A row of an HOURLY query by versionCode: int64 and decimals as strings. */
    static String row(String hour, long versionCode, String metric, String rate, String users) {
        return "{\"aggregationPeriod\":\"HOURLY\",\"startTime\":" + dateTime(hour) + ",\"dimensions\":[{\"dimension\":\"versionCode\","
                + "\"int64Value\":\"" + versionCode + "\"}],\"metrics\":[{\"metric\":\"" + metric + "\",\"decimalValue\":{\"value\":\""
                + rate + "\"}},{\"metric\":\"distinctUsers\",\"decimalValue\":{\"value\":\"" + users + "\"}}]}";
    }

    static String rows(String nextPageToken, String... rows) {
        return "{\"rows\":[" + String.join(",", rows) + "]" + (nextPageToken == null ? "" : ",\"nextPageToken\":\"" + nextPageToken + "\"") + "}";
    }

    static String error(int code, String status, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    /** A service-account key file as the Cloud console downloads it, with its token_uri pointing at {@code tokenUri}. */
    static String keyJson(String tokenUri) {
        ObjectNode key = new ObjectMapper().createObjectNode()
                .put("type", "service_account")
                .put("project_id", "ringmaster-test")
                .put("private_key_id", "7a1b2c3d4e5f60718293a4b5c6d7e8f901234567")
                .put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n")
                .put("client_email", EMAIL)
                .put("client_id", "104729385710293847562")
                .put("token_uri", tokenUri);
        return key.toPrettyString();
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
