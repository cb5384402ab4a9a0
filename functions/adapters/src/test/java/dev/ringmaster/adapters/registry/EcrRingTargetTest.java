package dev.ringmaster.adapters.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.ringmaster.adapters.registry.Fixtures.ring;
import static dev.ringmaster.adapters.registry.Fixtures.target;
import static dev.ringmaster.adapters.registry.RegistryAuthTest.MANIFEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import dev.ringmaster.core.port.RolloutTarget.Unavailable;
import dev.ringmaster.core.port.TargetState;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Ring tags in Amazon ECR through the real SDK client, against WireMock serving awsJson1_1 answers shaped like ECR's. */
class EcrRingTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String REPO = "aitherzero";
    private static final String BUILD = "sha256:" + "b".repeat(64);
    private static final String OLD = "sha256:" + "4".repeat(64);
    private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final List<String> regions = new ArrayList<>();
    private EcrClient ecr;
    private EcrRingTarget rings;

    @BeforeEach
    void start() {
        server.start();
        ecr = EcrClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        rings = new EcrRingTarget(region -> {
            regions.add(region);
            return ecr;
        });
    }

    @AfterEach
    void stop() {
        ecr.close();
        server.stop();
    }

    private static ObjectNode image(String digest, String tag) {
        ObjectNode image = JSON.createObjectNode();
        image.putObject("imageId").put("imageDigest", digest).put("imageTag", tag);
        image.put("imageManifest", MANIFEST).put("imageManifestMediaType", OCI).put("registryId", "123456789012").put("repositoryName", REPO);
        return image;
    }

    private void batchGet(String idKey, String id, String body) {
        server.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET + "BatchGetImage"))
                .withRequestBody(matchingJsonPath("$.imageIds[0]." + idKey, equalTo(id)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
    }

    private void found(String idKey, String id, String digest, String tag) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("images").add(image(digest, tag));
        body.putArray("failures");
        batchGet(idKey, id, body.toString());
    }

    private void notFound(String tag) {
        batchGet("imageTag", tag, "{\"failures\":[{\"failureCode\":\"ImageNotFound\",\"failureReason\":\"Requested image not found\","
                + "\"imageId\":{\"imageTag\":\"" + tag + "\"}}],\"images\":[]}");
    }

    private void putImage(int status, String body) {
        server.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET + "PutImage"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
    }

    private static RequestPatternBuilder called(String operation) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation));
    }

    private List<JsonNode> bodies(String operation) {
        return server.findAll(called(operation)).stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void enter_readsTheBuildAndTheRingTag_thenPutsTheSameManifestUnderTheRingTag() {
        found("imageTag", "1.5.0", BUILD, "1.5.0");
        found("imageTag", "ring-1-latest", OLD, "ring-1-latest");
        putImage(200, "{\"image\":" + image(BUILD, "ring-1-latest") + "}");

        TargetState state = rings.enter(target(REGISTRY, REPO), ring("ring-1"), "1.5.0");

        assertEquals(BUILD, state.status());
        assertEquals(OLD, state.previous());
        assertEquals(List.of("eu-west-1"), regions, "the client for the registry host's region");
        JsonNode get = bodies("BatchGetImage").get(0);
        assertEquals("123456789012", get.path("registryId").asText());
        assertEquals(REPO, get.path("repositoryName").asText());
        assertEquals("1.5.0", get.path("imageIds").path(0).path("imageTag").asText());
        assertEquals(List.of("application/vnd.oci.image.index.v1+json", OCI, "application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.docker.distribution.manifest.v2+json"), JSON.convertValue(get.path("acceptedMediaTypes"), List.class));
        JsonNode put = bodies("PutImage").get(0);
        assertEquals("ring-1-latest", put.path("imageTag").asText());
        assertEquals(MANIFEST, put.path("imageManifest").asText(), "the manifest string verbatim");
        assertEquals(OCI, put.path("imageManifestMediaType").asText());
        assertEquals(REPO, put.path("repositoryName").asText());
        server.verify(1, called("PutImage").withHeader("Content-Type", equalTo("application/x-amz-json-1.1")));
    }

    @Test
    void enter_whenTheRingTagAlreadyNamesTheBuild_putsNothing() {
        found("imageDigest", BUILD, BUILD, null);
        found("imageTag", "ring-1-latest", BUILD, "ring-1-latest");

        TargetState state = rings.enter(target(REGISTRY, REPO, "build", Map.of("digest", BUILD)), ring("ring-1"), "1.5.0");

        assertNull(state.previous());
        server.verify(0, called("PutImage"));
        assertEquals(BUILD, bodies("BatchGetImage").get(0).path("imageIds").path(0).path("imageDigest").asText());
    }

    @Test
    void untaggedRing_hasNoPrevious_andImageAlreadyExistsIsSuccess() {
        found("imageTag", "1.5.0", BUILD, "1.5.0");
        notFound("ring-0-latest");
        putImage(400, "{\"__type\":\"ImageAlreadyExistsException\",\"message\":\"Image with digest '" + BUILD
                + "' and tag 'ring-0-latest' already exists in the repository with name 'aitherzero' in registry with id '123456789012'\"}");

        TargetState state = rings.enter(target(REGISTRY, REPO), ring("ring-0"), "1.5.0");

        assertEquals(BUILD, state.status(), "another tick tagged it first: the state we want");
        assertNull(state.previous());
    }

    @Test
    void immutableRepository_isRefusedSayingSo() {
        found("imageTag", "1.5.0", BUILD, "1.5.0");
        found("imageTag", "ring-0-latest", OLD, "ring-0-latest");
        putImage(400, "{\"__type\":\"ImageTagAlreadyExistsException\",\"message\":\"The image tag 'ring-0-latest' already exists in the "
                + "'aitherzero' repository and cannot be overwritten because the repository is immutable.\"}");

        Refused refused = assertThrows(Refused.class, () -> rings.enter(target(REGISTRY, REPO), ring("ring-0"), "1.5.0"));

        assertTrue(refused.getMessage().startsWith("ECR repository " + REGISTRY + "/" + REPO + " has immutable tags: ring tag ring-0-latest cannot be moved"),
                refused.getMessage());
    }

    @Test
    void unknownBuild_isRefusedWithTheFailureCode() {
        notFound("9.9.9");

        Refused refused = assertThrows(Refused.class,
                () -> rings.enter(target(REGISTRY, REPO, "build", Map.of("tag", "9.9.9")), ring("ring-0"), "9.9.9"));

        assertEquals("ECR " + REGISTRY + "/" + REPO + " has no image 9.9.9: ImageNotFound Requested image not found", refused.getMessage());
    }

    @Test
    void missingRepository_isRefused_throttling_isUnavailable() {
        server.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET + "BatchGetImage")).willReturn(aResponse().withStatus(400)
                .withBody("{\"__type\":\"RepositoryNotFoundException\",\"message\":\"The repository with name 'aitherzero' does not exist "
                        + "in the registry with id '123456789012'\"}")));
        Refused refused = assertThrows(Refused.class, () -> rings.enter(target(REGISTRY, REPO), ring("ring-0"), "1.5.0"));
        assertTrue(refused.getMessage().contains("RepositoryNotFoundException: The repository with name 'aitherzero' does not exist"), refused.getMessage());

        server.resetAll();
        server.stubFor(post("/").willReturn(aResponse().withStatus(400)
                .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
        assertThrows(Unavailable.class, () -> rings.enter(target(REGISTRY, REPO), ring("ring-0"), "1.5.0"));
    }

    @Test
    void rollback_putsTheLastGoodManifestBack_andWithoutOneIsRefused() {
        found("imageTag", "1.5.0", BUILD, "1.5.0");
        found("imageTag", "ring-1-latest", BUILD, "ring-1-latest");
        found("imageDigest", OLD, OLD, null);
        putImage(200, "{\"image\":" + image(OLD, "ring-1-latest") + "}");

        Target withoutLastGood = target(REGISTRY, REPO);
        assertThrows(Refused.class, () -> rings.rollback(withoutLastGood, ring("ring-1"), "1.5.0"));
        server.verify(0, called("PutImage"));

        TargetState back = rings.rollback(target(REGISTRY, REPO, "lastGood", OLD), ring("ring-1"), "1.5.0");

        assertEquals(OLD, back.status());
        assertEquals("ring-1-latest", bodies("PutImage").get(0).path("imageTag").asText());
        assertEquals(OLD, bodies("BatchGetImage").get(bodies("BatchGetImage").size() - 1).path("imageIds").path(0).path("imageDigest").asText());
    }

    @Test
    void ringTags_comeFromEveryPageOfDescribeImages() {
        server.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET + "DescribeImages"))
                .withRequestBody(matchingJsonPath("$.nextToken", absent()))
                .willReturn(aResponse().withStatus(200).withBody("{\"imageDetails\":[{\"imageDigest\":\"" + OLD + "\",\"imageTags\":[\"1.4.2\",\"ring-1-latest\"],"
                        + "\"imagePushedAt\":1.7461E9,\"imageManifestMediaType\":\"" + OCI + "\",\"registryId\":\"123456789012\",\"repositoryName\":\"aitherzero\"}],"
                        + "\"nextToken\":\"ukD72mdD/mC8b5xV3susmJzzaTgp3hKwR9nRJ2Xs\"}")));
        server.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET + "DescribeImages"))
                .withRequestBody(matchingJsonPath("$.nextToken", equalTo("ukD72mdD/mC8b5xV3susmJzzaTgp3hKwR9nRJ2Xs")))
                .willReturn(aResponse().withStatus(200).withBody("{\"imageDetails\":[{\"imageDigest\":\"" + BUILD + "\",\"imageTags\":[\"1.5.0\",\"ring-0-latest\"],"
                        + "\"imagePushedAt\":1.7462E9,\"imageManifestMediaType\":\"" + OCI + "\",\"registryId\":\"123456789012\",\"repositoryName\":\"aitherzero\"}]}")));

        List<RingTag> listed = new Rings(new OciRegistryTarget(HttpClient.newHttpClient(), Fixtures.FAST,
                host -> Optional.empty(), Clock.systemUTC()), rings).list(REGISTRY + "/" + REPO);

        assertEquals(List.of(new RingTag("ring-0", "ring-0-latest", BUILD), new RingTag("ring-1", "ring-1-latest", OLD)), listed);
        assertEquals("TAGGED", bodies("DescribeImages").get(0).path("filter").path("tagStatus").asText());
    }
}
