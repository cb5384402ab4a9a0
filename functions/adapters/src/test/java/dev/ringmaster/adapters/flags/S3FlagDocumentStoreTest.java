package dev.ringmaster.adapters.flags;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.ringmaster.adapters.flags.Flags.map;
import static dev.ringmaster.adapters.flags.Flags.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.port.RolloutTarget;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 conditional writes (REFERENCE-targets §5) against WireMock serving S3's real responses and XML errors. */
class S3FlagDocumentStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "/flags/app.json";
    private static final FlagStore STORE = store("json", "url", "s3://flags/app.json");

    private final WireMockServer s3 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final S3Client client;
    private final FlagDocuments flags;

    S3FlagDocumentStoreTest() {
        s3.start();
        client = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3.port())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        flags = new FlagDocuments(client, null);
    }

    @AfterEach
    void stop() {
        client.close();
        s3.stop();
    }

    private static ResponseDefinitionBuilder object(String etag, String body) {
        return aResponse().withStatus(200).withHeader("ETag", etag).withHeader("Content-Type", "application/json")
                .withHeader("Last-Modified", "Fri, 01 May 2026 10:00:00 GMT").withBody(body);
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                        + "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==</HostId></Error>");
    }

    private static ResponseDefinitionBuilder stored(String etag) {
        return aResponse().withStatus(200).withHeader("ETag", etag);
    }

    /** The requests S3 received, oldest first, as "METHOD If-Match If-None-Match". */
    private List<String> requests() {
        List<String> out = new ArrayList<>();
        for (ServeEvent e : s3.getAllServeEvents()) {
            LoggedRequest r = e.getRequest();
            out.add(0, r.getMethod() + " " + r.getUrl() + (r.containsHeader("If-Match") ? " If-Match " + r.getHeader("If-Match") : "")
                    + (r.containsHeader("If-None-Match") ? " If-None-Match " + r.getHeader("If-None-Match") : ""));
        }
        return out;
    }

    /** A PUT's document: over plain HTTP the SDK signs the payload in aws-chunked chunks ("SIZE;chunk-signature=…"). */
    private JsonNode putBody(int index) throws Exception {
        LoggedRequest put = s3.findAll(putRequestedFor(urlEqualTo(KEY))).get(index);
        String body = put.getBodyAsString();
        if ("STREAMING-AWS4-HMAC-SHA256-PAYLOAD".equals(put.getHeader("x-amz-content-sha256"))) {
            StringBuilder data = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, body.indexOf(';', at)), 16);
                if (size == 0) {
                    break;
                }
                data.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            body = data.toString();
        }
        return JSON.readTree(body);
    }

    @Test
    void aFlagWrite_readsTheEtag_andPutsOnlyIfTheObjectStillHasIt() throws Exception {
        s3.stubFor(get(KEY).willReturn(object("\"e1\"", "{\"canary\": {\"enabled\": true}}")));
        s3.stubFor(put(KEY).withHeader("If-Match", equalTo("\"e1\"")).willReturn(stored("\"e2\"")));

        flags.write(STORE, map("system.canary.enabled", false));

        assertEquals(List.of("GET " + KEY, "PUT " + KEY + " If-Match \"e1\""), requests());
        assertEquals(JSON.readTree("{\"canary\": {\"enabled\": true}, \"system\": {\"canary\": {\"enabled\": false}}}"), putBody(0));
        s3.verify(putRequestedFor(urlEqualTo(KEY)).withHeader("Content-Type", equalTo("application/json"))
                .withHeader("If-None-Match", absent())
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/s3/aws4_request, .*")));
    }

    @Test
    void preconditionFailed_meansAnotherWriterWon_soTheChangeIsMadeAgainOnTheirDocument() throws Exception {
        lostRaceThenWin(error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"));
    }

    @Test
    void conditionalRequestConflict_isRetriedTheSameWay() throws Exception {
        lostRaceThenWin(error(409, "ConditionalRequestConflict", "A conflicting operation occurred. If using PutObject you can retry the request."
                + " If using multipart upload you should initiate another CreateMultipartUpload request and re-upload each part."));
    }

    private void lostRaceThenWin(ResponseDefinitionBuilder lost) throws Exception {
        s3.stubFor(get(KEY).inScenario("race").whenScenarioStateIs(STARTED).willSetStateTo("other writer won")
                .willReturn(object("\"e1\"", "{\"canary\": {\"enabled\": true}}")));
        s3.stubFor(get(KEY).inScenario("race").whenScenarioStateIs("other writer won")
                .willReturn(object("\"e2\"", "{\"canary\": {\"enabled\": true}, \"debug_menu\": true}")));
        s3.stubFor(put(KEY).withHeader("If-Match", equalTo("\"e1\"")).willReturn(lost));
        s3.stubFor(put(KEY).withHeader("If-Match", equalTo("\"e2\"")).willReturn(stored("\"e3\"")));

        flags.write(STORE, map("system.canary.enabled", false));

        assertEquals(List.of("GET " + KEY, "PUT " + KEY + " If-Match \"e1\"", "GET " + KEY, "PUT " + KEY + " If-Match \"e2\""), requests());
        assertEquals(JSON.readTree("{\"canary\": {\"enabled\": true}, \"debug_menu\": true, \"system\": {\"canary\": {\"enabled\": false}}}"), putBody(1),
                "the other writer's flag is kept");
    }

    @Test
    void aMissingObject_isCreatedOnlyIfStillMissing() throws Exception {
        s3.stubFor(get(KEY).willReturn(error(404, "NoSuchKey", "The specified key does not exist.")));
        s3.stubFor(put(KEY).withHeader("If-None-Match", equalTo("*")).willReturn(stored("\"e1\"")));

        flags.write(STORE, map("canary.cohort.beta.enabled", true));

        assertEquals(List.of("GET " + KEY, "PUT " + KEY + " If-None-Match *"), requests());
        assertEquals(JSON.readTree("{\"canary\": {\"cohort\": {\"beta\": {\"enabled\": true}}}}"), putBody(0));
    }

    @Test
    void aDocumentThatAlreadyHoldsTheValues_isNotWritten() {
        s3.stubFor(get(KEY).willReturn(object("\"e1\"", "{\"system\": {\"canary\": {\"enabled\": false}}}")));

        flags.write(STORE, map("system.canary.enabled", false));

        assertEquals(List.of("GET " + KEY), requests());
    }

    @Test
    void writersThatKeepWinning_makeTheWriteUnavailable_afterFiveAttempts() {
        s3.stubFor(get(KEY).willReturn(object("\"e1\"", "{}")));
        s3.stubFor(put(KEY).willReturn(error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")));

        RolloutTarget.Unavailable e = assertThrows(RolloutTarget.Unavailable.class, () -> flags.write(STORE, map("x", true)));

        assertEquals("s3://flags/app.json: other writers changed the flag document 5 times while this change was applied; not written", e.getMessage());
        s3.verify(5, putRequestedFor(urlEqualTo(KEY)));
    }

    @Test
    void accessDenied_isRefusedWithS3sReason() {
        s3.stubFor(get(KEY).willReturn(error(403, "AccessDenied", "Access Denied")));

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> flags.write(STORE, map("x", true)));

        assertEquals("s3://flags/app.json: GetObject AccessDenied (HTTP 403): Access Denied", e.getMessage());
    }

    @Test
    void slowDown_isUnavailable_forTheChainToTryAgainLater() {
        s3.stubFor(get(KEY).willReturn(object("\"e1\"", "{}")));
        s3.stubFor(put(KEY).willReturn(error(503, "SlowDown", "Please reduce your request rate.")));

        RolloutTarget.Unavailable e = assertThrows(RolloutTarget.Unavailable.class, () -> flags.write(STORE, map("x", true)));

        assertEquals("s3://flags/app.json: PutObject SlowDown (HTTP 503): Please reduce your request rate.", e.getMessage());
    }
}
