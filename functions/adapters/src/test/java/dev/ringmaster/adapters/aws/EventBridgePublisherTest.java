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
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.rollout.DecisionType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

class EventBridgePublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"Entries\":[{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}],\"FailedEntryCount\":0}";
    private static final RolloutEvent HALT = new RolloutEvent("android-2-1-0", 7, DecisionType.HALT, null, Action.HALT, NotifyEvent.HALTED, "phase-1", 0,
            List.of("halt rule crash_rate ≤ 0.02 FAIL"), "ringmaster", Instant.parse("2026-05-01T10:00:00Z"));

    private final WireMockAws aws = new WireMockAws();
    private final EventBridgeClient client = aws.client(EventBridgeClient.builder()).build();
    private final EventBridgePublisher publisher = new EventBridgePublisher(client, "ringmaster");

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    /** An awsJson1_1 answer as EventBridge sends it. */
    private static ResponseDefinitionBuilder answer(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "c5d1a8b2-4f0e-4c51-9a36-0d8f7c7b1e11").withBody(body);
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    }

    @Test
    void putEvents_sendsASignedJson11Request_withTheRolloutEventAsDetail() throws Exception {
        aws.server.stubFor(post("/").willReturn(answer(200, OK)));

        publisher.publish(HALT);

        aws.server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/events/aws4_request, .*"))
                .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z")));
        LoggedRequest request = aws.server.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertEquals(1, body.path("Entries").size(), "one event per call");
        JsonNode entry = body.path("Entries").path(0);
        assertEquals("ringmaster", entry.path("Source").asText());
        assertEquals("RolloutEvent", entry.path("DetailType").asText());
        assertEquals("ringmaster", entry.path("EventBusName").asText());
        assertEquals(HALT.at().getEpochSecond(), entry.path("Time").asLong(), "Time in epoch seconds, as awsJson1_1 sends timestamps");
        JsonNode detail = JSON.readTree(entry.path("Detail").asText());
        assertEquals("android-2-1-0", detail.path("rolloutId").asText());
        assertEquals(7, detail.path("version").asLong());
        assertEquals("HALT", detail.path("decision").asText());
        assertEquals("HALT", detail.path("action").asText());
        assertEquals("phase-1", detail.path("phase").asText());
        assertEquals("halt rule crash_rate ≤ 0.02 FAIL", detail.path("reasons").path(0).asText());
        assertEquals(HALT, RolloutEventJson.read(detail), "the detail reads back as the same event");
    }

    @Test
    void putEvents_throttledThenServerError_isRetriedByTheSdk_thenSucceeds() {
        aws.server.stubFor(post("/").inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("throttled-once")
                .willReturn(answer(400, error("ThrottlingException", "Rate exceeded"))));
        aws.server.stubFor(post("/").inScenario("flaky").whenScenarioStateIs("throttled-once").willSetStateTo("500-once")
                .willReturn(answer(500, error("InternalException", "An internal error occurred"))));
        aws.server.stubFor(post("/").inScenario("flaky").whenScenarioStateIs("500-once").willReturn(answer(200, OK)));

        publisher.publish(HALT);

        List<String> attempts = aws.server.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .map(r -> r.getHeader("amz-sdk-request")).toList();
        assertEquals(List.of("attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"), attempts,
                "the SDK sent the same request again, counting its attempts");
    }

    @Test
    void putEvents_givesUpAfterTheSdksAttempts_namingTheError() {
        aws.server.stubFor(post("/").willReturn(answer(503, error("ServiceUnavailable", "try later"))));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> publisher.publish(HALT));

        aws.server.verify(3, postRequestedFor(urlEqualTo("/")));
        assertTrue(e.getMessage().contains("HTTP 503 ServiceUnavailable: try later"), e.getMessage());
        assertTrue(e.getMessage().contains("bus 'ringmaster'"), e.getMessage());
    }

    @Test
    void putEvents_doesNotRetryAClientError() {
        aws.server.stubFor(post("/").willReturn(answer(400, error("ResourceNotFoundException", "Event bus ringmaster does not exist."))));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> publisher.publish(HALT));

        aws.server.verify(1, postRequestedFor(urlEqualTo("/")));
        assertEquals("ResourceNotFoundException", ((EventBridgeException) e.getCause()).awsErrorDetails().errorCode());
        assertTrue(e.getMessage().contains("HTTP 400 ResourceNotFoundException: Event bus ringmaster does not exist."), e.getMessage());
    }

    @Test
    void putEvents_failedEntry_failsLoudly_withItsErrorCodeAndMessage() {
        aws.server.stubFor(post("/").willReturn(answer(200,
                "{\"Entries\":[{\"ErrorCode\":\"AccessDeniedException\",\"ErrorMessage\":\"not authorized to put to bus ringmaster\"}],"
                        + "\"FailedEntryCount\":1}")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> publisher.publish(HALT));

        assertTrue(e.getMessage().contains("AccessDeniedException: not authorized to put to bus ringmaster"), e.getMessage());
        assertTrue(e.getMessage().contains("HALT of android-2-1-0 v7"), e.getMessage());
        aws.server.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void putEvents_failedEntryWithInternalFailure_isSentAgain() {
        aws.server.stubFor(post("/").inScenario("entry").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(answer(200, "{\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"internal\"}],\"FailedEntryCount\":1}")));
        aws.server.stubFor(post("/").inScenario("entry").whenScenarioStateIs("ok").willReturn(answer(200, OK)));

        publisher.publish(HALT);

        aws.server.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void putEvents_entryThrottledEveryTime_failsAfterThreeSends() {
        aws.server.stubFor(post("/").willReturn(answer(200,
                "{\"Entries\":[{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"Rate exceeded\"}],\"FailedEntryCount\":1}")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> publisher.publish(HALT));

        aws.server.verify(3, postRequestedFor(urlEqualTo("/")));
        assertTrue(e.getMessage().contains("ThrottlingException: Rate exceeded"), e.getMessage());
    }
}
