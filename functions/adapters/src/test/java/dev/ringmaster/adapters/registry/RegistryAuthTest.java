package dev.ringmaster.adapters.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.ringmaster.adapters.registry.Fixtures.FAST;
import static dev.ringmaster.adapters.registry.Fixtures.ring;
import static dev.ringmaster.adapters.registry.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.ringmaster.adapters.MutableClock;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's 401 challenge answered as distribution's token spec and GHCR do it, against WireMock. */
class RegistryAuthTest {
    static final String NAME = "wizzense/aitherzero";
    static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + "c".repeat(64) + "\",\"size\":7023},"
            + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + "d".repeat(64) + "\",\"size\":32654}]}";
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final String UNAUTHORIZED = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}";
    private static final String PAT = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
    private static final String TOKEN = "djE6d2l6emVuc2UvYWl0aGVyemVybzoxNzY0NjE4MjI1NzE3MzQ0OTAy";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-05-01T10:00:00Z"));
    private String registry;

    @BeforeEach
    void start() {
        server.start();
        registry = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private OciRegistryTarget rings(Optional<RegistryCredentials> login) {
        return new OciRegistryTarget(Http.client(), FAST, host -> host.equals(registry) ? login : Optional.empty(), clock);
    }

    private void challengeUnlessBearer(String challenge) {
        server.stubFor(any(urlPathEqualTo("/v2/" + NAME + "/manifests/1.5.0")).atPriority(1).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withHeader("WWW-Authenticate", challenge).withBody(UNAUTHORIZED)));
        server.stubFor(any(urlPathEqualTo("/v2/" + NAME + "/manifests/ring-0-latest")).atPriority(1).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)));
    }

    private void registryServes(String authorization) {
        server.stubFor(get("/v2/" + NAME + "/manifests/1.5.0").atPriority(2).withHeader("Authorization", equalTo(authorization))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                        .withHeader("Docker-Content-Digest", DIGEST).withBody(MANIFEST)));
        server.stubFor(head(urlPathEqualTo("/v2/" + NAME + "/manifests/ring-0-latest")).atPriority(2).withHeader("Authorization", equalTo(authorization))
                .willReturn(aResponse().withStatus(404)));
        server.stubFor(put("/v2/" + NAME + "/manifests/ring-0-latest").atPriority(2).withHeader("Authorization", equalTo(authorization))
                .willReturn(aResponse().withStatus(201).withHeader("Location", "/v2/" + NAME + "/manifests/" + DIGEST)
                        .withHeader("Docker-Content-Digest", DIGEST)));
    }

    private List<String> sequence() {
        return server.getAllServeEvents().stream().sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(RegistryAuthTest::describe).toList();
    }

    private static String describe(ServeEvent e) {
        String auth = e.getRequest().containsHeader("Authorization") ? " " + e.getRequest().getHeader("Authorization").split(" ")[0] : "";
        return e.getRequest().getMethod() + " " + e.getRequest().getUrl() + auth + " → " + e.getResponse().getStatus();
    }

    @Test
    void bearerChallenge_getsATokenForPullAndPush_withTheLogin_thenSendsItOnEveryCall() {
        String realm = "http://127.0.0.1:" + server.port() + "/token";
        challengeUnlessBearer("Bearer realm=\"" + realm + "\",service=\"ghcr.io\",scope=\"repository:" + NAME + ":pull\"");
        server.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"" + TOKEN + "\"}")));
        registryServes("Bearer " + TOKEN);

        rings(Optional.of(new RegistryCredentials("wizzense", PAT))).enter(target(registry, NAME), ring("ring-0"), "1.5.0");

        assertEquals(List.of(
                "GET /v2/" + NAME + "/manifests/1.5.0 → 401",
                "GET /token?service=ghcr.io&scope=repository%3A" + NAME.replace("/", "%2F") + "%3Apull%2Cpush Basic → 200",
                "GET /v2/" + NAME + "/manifests/1.5.0 Bearer → 200",
                "HEAD /v2/" + NAME + "/manifests/ring-0-latest Bearer → 404",
                "PUT /v2/" + NAME + "/manifests/ring-0-latest Bearer → 201"), sequence(), "one token, reused while it lasts");
        server.verify(getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization",
                equalTo("Basic " + Base64.getEncoder().encodeToString(("wizzense:" + PAT).getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void anonymousPull_asksTheTokenServiceWithoutALogin_andReadsAccessToken() {
        String realm = "http://127.0.0.1:" + server.port() + "/token";
        challengeUnlessBearer("Bearer realm=\"" + realm + "\",service=\"registry.docker.io\"");
        server.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"" + TOKEN + "\",\"access_token\":\"" + TOKEN + "\",\"expires_in\":300,\"issued_at\":\"2026-05-01T10:00:00Z\"}")));
        registryServes("Bearer " + TOKEN);

        rings(Optional.empty()).enter(target(registry, NAME), ring("ring-0"), "1.5.0");

        server.verify(1, getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", absent()));
    }

    @Test
    void expiredToken_isNotSent_aNewOneIsAskedFor() {
        String realm = "http://127.0.0.1:" + server.port() + "/token";
        challengeUnlessBearer("Bearer realm=\"" + realm + "\",service=\"ghcr.io\"");
        server.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withBody("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}")));
        registryServes("Bearer " + TOKEN);
        OciRegistryTarget rings = rings(Optional.empty());
        Target target = target(registry, NAME);

        rings.enter(target, ring("ring-0"), "1.5.0");
        clock.advance(Duration.ofSeconds(299));
        rings.enter(target, ring("ring-0"), "1.5.0");
        server.verify(1, getRequestedFor(urlPathEqualTo("/token")));

        clock.advance(Duration.ofSeconds(2));
        rings.enter(target, ring("ring-0"), "1.5.0");
        server.verify(2, getRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void basicChallenge_isAnsweredWithTheLoginFromItsSecretReference_thenSentStraightAway() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("wizzense:" + PAT).getBytes(StandardCharsets.UTF_8));
        challengeUnlessBearer("Basic realm=\"basic-realm\"");
        registryServes(basic);

        RegistryCredentials login = RegistryCredentials.resolve(ref -> ref.equals("env:GHCR_TOKEN") ? PAT : "wrong", "wizzense", "env:GHCR_TOKEN");

        rings(Optional.of(login)).enter(target(registry, NAME), ring("ring-0"), "1.5.0");

        assertEquals(List.of(
                "GET /v2/" + NAME + "/manifests/1.5.0 → 401",
                "GET /v2/" + NAME + "/manifests/1.5.0 Basic → 200",
                "HEAD /v2/" + NAME + "/manifests/ring-0-latest Basic → 404",
                "PUT /v2/" + NAME + "/manifests/ring-0-latest Basic → 201"), sequence());
    }

    @Test
    void basicChallengeWithoutCredentials_isRefusedNamingTheRegistry() {
        challengeUnlessBearer("Basic realm=\"basic-realm\"");

        Refused refused = assertThrows(Refused.class, () -> rings(Optional.empty()).enter(target(registry, NAME), ring("ring-0"), "1.5.0"));

        assertEquals("registry " + registry + " answered 401 UNAUTHORIZED to " + NAME
                + " and asks for a login (Basic), but no credentials are configured for " + registry, refused.getMessage());
    }

    @Test
    void tokenServiceRefusingTheLogin_isRefused_andNeverShowsTheSecret() {
        String realm = "http://127.0.0.1:" + server.port() + "/token";
        challengeUnlessBearer("Bearer realm=\"" + realm + "\",service=\"ghcr.io\"");
        server.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}")));
        RegistryCredentials login = new RegistryCredentials("wizzense", PAT);

        Refused refused = assertThrows(Refused.class, () -> rings(Optional.of(login)).enter(target(registry, NAME), ring("ring-0"), "1.5.0"));

        assertTrue(refused.getMessage().contains("401 DENIED requested access to the resource is denied"), refused.getMessage());
        assertFalse(refused.getMessage().contains(PAT), "the PAT must never appear in a message");
        assertFalse(login.toString().contains(PAT), "nor in the login's toString");
    }

    @Test
    void tokenRejectedByTheRegistry_isRefusedWithUnauthorized_andNeverShowsTheToken() {
        String realm = "http://127.0.0.1:" + server.port() + "/token";
        challengeUnlessBearer("Bearer realm=\"" + realm + "\",service=\"ghcr.io\"");
        server.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200).withBody("{\"token\":\"" + TOKEN + "\"}")));
        server.stubFor(get("/v2/" + NAME + "/manifests/1.5.0").atPriority(2).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"ghcr.io\",error=\"insufficient_scope\"")
                .withBody(UNAUTHORIZED)));

        Refused refused = assertThrows(Refused.class, () -> rings(Optional.empty()).enter(target(registry, NAME), ring("ring-0"), "1.5.0"));

        assertEquals("registry " + registry + " refused GET " + NAME + ":1.5.0: 401 UNAUTHORIZED authentication required", refused.getMessage());
        assertFalse(refused.getMessage().contains(TOKEN));
    }

    @Test
    void tokenServiceOverPlainHttpOffLoopback_isRefusedBeforeAnyLoginIsSent() {
        challengeUnlessBearer("Bearer realm=\"http://auth.example.com/token\",service=\"example.com\"");

        Refused refused = assertThrows(Refused.class, () -> rings(Optional.of(new RegistryCredentials("wizzense", PAT)))
                .enter(target(registry, NAME), ring("ring-0"), "1.5.0"));

        assertTrue(refused.getMessage().contains("only https (or plain http on loopback) may receive credentials"), refused.getMessage());
        assertEquals(1, server.getAllServeEvents().size(), "only the challenged call reached anything");
    }
}
