package dev.ringmaster.adapters.appstore;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.ringmaster.adapters.MutableClock;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.plan.Approval;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A WireMock App Store Connect on loopback, a fresh P-256 team key, a settable clock, and plan pieces for the targets. */
final class AppStoreConnectFixture implements AutoCloseable {
    static final String ISSUER = "57246542-96fe-1a63-e053-0824d011072a";
    static final String KEY_ID = "2X9R4HXF34";
    static final String KEY_REF = "ssm:/ringmaster/appstore/key";
    static final Http.Policy FAST = new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final KeyPair keys = p256();
    final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T08:00:00Z"));

    AppStoreConnectFixture() {
        server.start();
    }

    AppStoreConnect api() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new AppStoreConnect(URI.create(server.baseUrl()), HttpClient.newHttpClient(), FAST,
                new AppStoreConnectKey(ISSUER, KEY_ID, KEY_REF), ref -> {
                    if (!ref.equals(KEY_REF)) {
                        throw new IllegalArgumentException(ref);
                    }
                    return pem;
                }, clock);
    }

    /** "METHOD path?query" of every request, in the order received. */
    List<String> calls() {
        return received().stream()
                .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl())
                .toList();
    }

    /** The JSON body of the request received at "METHOD path" (the first when several). */
    JsonNode body(String method, String path) {
        ServeEvent e = received().stream()
                .filter(s -> s.getRequest().getMethod().getName().equals(method) && s.getRequest().getUrl().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + calls()));
        try {
            return JSON.readTree(e.getRequest().getBodyAsString());
        } catch (IOException x) {
            throw new AssertionError(x);
        }
    }

    /** Oldest first (WireMock lists the newest first). */
    List<ServeEvent> received() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Target appStore() {
        return new Target(TargetType.APP_STORE, Map.of("appId", "1234567890", "versionString", "1.4.0"));
    }

    static Target appReview() {
        return new Target(TargetType.APP_REVIEW, Map.of("appId", "1234567890", "versionString", "1.4.0"));
    }

    static Target testFlight(Map<String, Object> keys) {
        return new Target(TargetType.TESTFLIGHT, keys);
    }

    static Phase percent(double p) {
        return new Phase("phase-" + p, p, null, List.of(), null, null, null, Duration.ofDays(1), null, null, Approval.NONE, Map.of(), null, List.of());
    }

    static Phase groups(String... groups) {
        return new Phase("beta", null, null, List.of(groups), null, null, null, Duration.ofDays(1), null, null, Approval.NONE, Map.of(), null, List.of());
    }

    /** An App Review error body exactly as REFERENCE-targets §2 shows it. */
    static String error(int status, String code, String title, String detail) {
        return """
                {"errors":[{"id":"b2d3a3f0-7c6e-4b8f-9f0a-1c2d3e4f5a6b","status":"%d","code":"%s","title":"%s","detail":"%s"}]}"""
                .formatted(status, code, title, detail);
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
