package dev.ringmaster.adapters.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.ringmaster.adapters.registry.Fixtures.FAST;
import static dev.ringmaster.adapters.registry.Fixtures.ring;
import static dev.ringmaster.adapters.registry.Fixtures.target;
import static dev.ringmaster.adapters.registry.RegistryAuthTest.DIGEST;
import static dev.ringmaster.adapters.registry.RegistryAuthTest.MANIFEST;
import static dev.ringmaster.adapters.registry.RegistryAuthTest.NAME;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import dev.ringmaster.core.port.RolloutTarget.Unavailable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What registries answer besides success: GHCR-shaped errors, throttling, multi-arch indexes, paged tag lists. */
class OciRegistryResponsesTest {
    private static final String INDEX = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + "1".repeat(64) + "\",\"size\":1234,"
            + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + "2".repeat(64) + "\",\"size\":1234,"
            + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private OciRegistryTarget rings;
    private String registry;

    @BeforeEach
    void start() {
        server.start();
        registry = "127.0.0.1:" + server.port();
        rings = new OciRegistryTarget(Http.client(), FAST, host -> Optional.empty(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void serves(String tag, String mediaType, String body, String digest) {
        server.stubFor(get("/v2/" + NAME + "/manifests/" + tag).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", mediaType).withHeader("Docker-Content-Digest", digest).withBody(body)));
    }

    @Test
    void multiArchIndex_isAskedForWithAllFourTypes_andPutBackByteForByteAsAnIndex() {
        String indexDigest = "sha256:" + "e".repeat(64);
        serves("1.5.0", "application/vnd.oci.image.index.v1+json", INDEX, indexDigest);
        server.stubFor(head(urlPathEqualTo("/v2/" + NAME + "/manifests/ring-0-latest")).willReturn(aResponse().withStatus(404)));
        server.stubFor(put("/v2/" + NAME + "/manifests/ring-0-latest").willReturn(aResponse().withStatus(201)));

        assertEquals(indexDigest, rings.enter(target(registry, NAME), ring("ring-0"), "1.5.0").status());

        server.verify(getRequestedFor(urlEqualTo("/v2/" + NAME + "/manifests/1.5.0")).withHeader("Accept", equalTo(
                "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
                        + "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json")));
        server.verify(putRequestedFor(urlEqualTo("/v2/" + NAME + "/manifests/ring-0-latest"))
                .withHeader("Content-Type", equalTo("application/vnd.oci.image.index.v1+json")));
        byte[] sent = server.findAll(putRequestedFor(urlEqualTo("/v2/" + NAME + "/manifests/ring-0-latest"))).get(0).getBody();
        assertArrayEquals(INDEX.getBytes(StandardCharsets.UTF_8), sent, "identical bytes, so the ring tag gets the same digest");
    }

    @Test
    void genericContentType_fallsBackToTheManifestsOwnMediaType() {
        serves("1.5.0", "application/json", MANIFEST, DIGEST);
        server.stubFor(head(urlPathEqualTo("/v2/" + NAME + "/manifests/ring-0-latest")).willReturn(aResponse().withStatus(404)));
        server.stubFor(put("/v2/" + NAME + "/manifests/ring-0-latest").willReturn(aResponse().withStatus(201)));

        rings.enter(target(registry, NAME), ring("ring-0"), "1.5.0");

        server.verify(putRequestedFor(urlEqualTo("/v2/" + NAME + "/manifests/ring-0-latest"))
                .withHeader("Content-Type", equalTo("application/vnd.oci.image.manifest.v1+json")));
    }

    @Test
    void deniedPush_isRefusedNamingTheCode() {
        serves("1.5.0", "application/vnd.oci.image.manifest.v1+json", MANIFEST, DIGEST);
        server.stubFor(head(urlPathEqualTo("/v2/" + NAME + "/manifests/ring-0-latest")).willReturn(aResponse().withStatus(404)));
        server.stubFor(put("/v2/" + NAME + "/manifests/ring-0-latest").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"permission_denied: write_package\"}]}")));

        Refused refused = assertThrows(Refused.class, () -> rings.enter(target(registry, NAME), ring("ring-0"), "1.5.0"));

        assertEquals("registry " + registry + " refused PUT " + NAME + ":ring-0-latest: 403 DENIED permission_denied: write_package", refused.getMessage());
        server.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void ghcrIndexWithoutIndexAccept_isRefusedWithItsDetail() {
        server.stubFor(get("/v2/" + NAME + "/manifests/1.5.0").willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"OCI index found, but Accept header does not support OCI indexes\"}]}")));

        Refused refused = assertThrows(Refused.class, () -> rings.enter(target(registry, NAME), ring("ring-0"), "1.5.0"));

        assertTrue(refused.getMessage().endsWith("404 MANIFEST_UNKNOWN OCI index found, but Accept header does not support OCI indexes"), refused.getMessage());
    }

    @Test
    void tooManyRequests_isRetried_thenUnavailable() {
        server.stubFor(get("/v2/" + NAME + "/manifests/1.5.0").willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"retry-after: 517.1µs, allowed: 44000/minute\"}]}")));

        Unavailable unavailable = assertThrows(Unavailable.class, () -> rings.enter(target(registry, NAME), ring("ring-0"), "1.5.0"));

        assertTrue(unavailable.getMessage().contains("429") && unavailable.getMessage().contains("TOOMANYREQUESTS"), unavailable.getMessage());
        server.verify(FAST.attempts(), getRequestedFor(anyUrl()));
        server.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void badGatewayOnce_isRetried_andTheRingIsTagged() {
        server.stubFor(get("/v2/" + NAME + "/manifests/1.5.0").inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(502).withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));
        server.stubFor(get("/v2/" + NAME + "/manifests/1.5.0").inScenario("flaky").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json").withHeader("Docker-Content-Digest", DIGEST).withBody(MANIFEST)));
        server.stubFor(head(urlPathEqualTo("/v2/" + NAME + "/manifests/ring-0-latest")).willReturn(aResponse().withStatus(404)));
        server.stubFor(put("/v2/" + NAME + "/manifests/ring-0-latest").willReturn(aResponse().withStatus(201)));

        assertEquals(DIGEST, rings.enter(target(registry, NAME), ring("ring-0"), "1.5.0").status());
        server.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void tagList_isFollowedThroughItsLinkHeader_untilNoNextPage() {
        server.stubFor(get("/v2/" + NAME + "/tags/list?n=100").willReturn(aResponse().withStatus(200)
                .withHeader("Link", "</v2/" + NAME + "/tags/list?last=ring-0-latest&n=100>; rel=\"next\"")
                .withBody("{\"name\":\"" + NAME + "\",\"tags\":[\"1.4.2\",\"1.5.0\",\"ring-0-latest\"]}")));
        server.stubFor(get("/v2/" + NAME + "/tags/list?last=ring-0-latest&n=100").willReturn(aResponse().withStatus(200)
                .withBody("{\"name\":\"" + NAME + "\",\"tags\":[\"ring-1-latest\",\"sha-9c8d7e6f\"]}")));
        String d0 = "sha256:" + "0".repeat(64);
        String d1 = "sha256:" + "1".repeat(64);
        for (Map.Entry<String, String> tag : Map.of("ring-0-latest", d0, "ring-1-latest", d1).entrySet()) {
            server.stubFor(head(urlPathEqualTo("/v2/" + NAME + "/manifests/" + tag.getKey()))
                    .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", tag.getValue())));
        }

        List<RingTag> listed = rings.ringTags(registry, NAME, null);

        assertEquals(List.of(new RingTag("ring-0", "ring-0-latest", d0), new RingTag("ring-1", "ring-1-latest", d1)), listed);
        server.verify(2, getRequestedFor(urlPathEqualTo("/v2/" + NAME + "/tags/list")));
        server.verify(4, anyRequestedFor(anyUrl()));
    }
}
