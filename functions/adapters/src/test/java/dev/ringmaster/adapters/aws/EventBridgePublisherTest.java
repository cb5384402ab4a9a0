package dev.ringmaster.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.rollout.DecisionType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBridgePublisherTest {
    private static final String OK = "{\"Entries\":[{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}],\"FailedEntryCount\":0}";
    private static final RolloutEvent HALT = new RolloutEvent("android-2-1-0", 7, DecisionType.HALT, null, Action.HALT, NotifyEvent.HALTED, "phase-1", 0,
            List.of("halt rule crash_rate ≤ 0.02 FAIL"), "ringmaster", Instant.parse("2026-05-01T10:00:00Z"));

    private final WireMockAws aws = new WireMockAws();
    private final EventBridgePublisher publisher = new EventBridgePublisher(aws.client("events"), "ringmaster");

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void putEvents_sendsSignedJson11Request_withTheRolloutEventAsDetail() throws Exception {
        aws.server.stubFor(post("/").willReturn(aResponse().withStatus(200).withBody(OK)));

        publisher.publish(HALT);

        aws.server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/events/aws4_request, .*"))
                .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z")));
        LoggedRequest request = aws.server.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        JsonNode entry = new ObjectMapper().readTree(request.getBodyAsString()).path("Entries").path(0);
        assertEquals("ringmaster", entry.path("Source").asText());
        assertEquals("RolloutEvent", entry.path("DetailType").asText());
        assertEquals("ringmaster", entry.path("EventBusName").asText());
        JsonNode detail = new ObjectMapper().readTree(entry.path("Detail").asText());
        assertEquals("android-2-1-0", detail.path("rolloutId").asText());
        assertEquals(7, detail.path("version").asLong());
        assertEquals("HALT", detail.path("decision").asText());
        assertEquals("HALT", detail.path("action").asText());
        assertEquals("phase-1", detail.path("phase").asText());
        assertEquals("halt rule crash_rate ≤ 0.02 FAIL", detail.path("reasons").path(0).asText());
        assertEquals(HALT, RolloutEventJson.read(detail), "the detail reads back as the same event");
    }

    @Test
    void putEvents_retriesThrottlingAndServerErrors_thenSucceeds() {
        aws.server.stubFor(post("/").inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("throttled-once")
                .willReturn(aResponse().withStatus(400).withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
        aws.server.stubFor(post("/").inScenario("flaky").whenScenarioStateIs("throttled-once").willSetStateTo("500-once")
                .willReturn(aResponse().withStatus(500).withBody("{\"__type\":\"InternalException\"}")));
        aws.server.stubFor(post("/").inScenario("flaky").whenScenarioStateIs("500-once")
                .willReturn(aResponse().withStatus(200).withBody(OK)));

        publisher.publish(HALT);

        aws.server.verify(3, postRequestedFor(urlEqualTo("/")));
        assertEquals(2, aws.sleeps.size(), "backed off before each retry");
        assertTrue(aws.sleeps.get(1).compareTo(aws.sleeps.get(0)) >= 0 || aws.sleeps.get(1).toMillis() >= 100,
                "backoff grows: " + aws.sleeps);
    }

    @Test
    void putEvents_givesUpAfterBoundedRetries_namingTheError() {
        aws.server.stubFor(post("/").willReturn(aResponse().withStatus(503).withBody("{\"__type\":\"ServiceUnavailable\",\"message\":\"try later\"}")));

        AwsCallFailed e = assertThrows(AwsCallFailed.class, () -> publisher.publish(HALT));

        aws.server.verify(3, postRequestedFor(urlEqualTo("/")));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("ServiceUnavailable") && e.getMessage().contains("try later"), e.getMessage());
    }

    @Test
    void putEvents_doesNotRetryAClientError() {
        aws.server.stubFor(post("/").willReturn(aResponse().withStatus(400)
                .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Event bus ringmaster does not exist.\"}")));

        AwsCallFailed e = assertThrows(AwsCallFailed.class, () -> publisher.publish(HALT));

        aws.server.verify(1, postRequestedFor(urlEqualTo("/")));
        assertEquals("ResourceNotFoundException", e.errorCode());
        assertTrue(e.getMessage().contains("Event bus ringmaster does not exist."), e.getMessage());
    }

    @Test
    void putEvents_failedEntry_failsLoudly_withItsErrorCodeAndMessage() {
        aws.server.stubFor(post("/").willReturn(aResponse().withStatus(200).withBody(
                "{\"Entries\":[{\"ErrorCode\":\"AccessDeniedException\",\"ErrorMessage\":\"not authorized to put to bus ringmaster\"}],"
                        + "\"FailedEntryCount\":1}")));

        AwsCallFailed e = assertThrows(AwsCallFailed.class, () -> publisher.publish(HALT));

        assertEquals("AccessDeniedException", e.errorCode());
        assertTrue(e.getMessage().contains("not authorized to put to bus ringmaster"), e.getMessage());
        assertTrue(e.getMessage().contains("android-2-1-0 v7"), e.getMessage());
        aws.server.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void putEvents_failedEntryWithInternalFailure_isSentAgain() {
        aws.server.stubFor(post("/").inScenario("entry").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"internal\"}],\"FailedEntryCount\":1}")));
        aws.server.stubFor(post("/").inScenario("entry").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200).withBody(OK)));

        publisher.publish(HALT);

        aws.server.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void awsErrorTypes_areShortened() {
        assertEquals("ThrottlingException", AwsJsonClient.errorCode(new AwsJsonClient.Response(400,
                new ObjectMapper().createObjectNode().put("__type", "com.amazon.coral.availability#ThrottlingException"))));
        assertEquals("ConflictException", AwsJsonClient.errorCode(new AwsJsonClient.Response(409,
                new ObjectMapper().createObjectNode().put("__type", "ConflictException:http://internal.amazon.com/coral/"))));
    }
}
