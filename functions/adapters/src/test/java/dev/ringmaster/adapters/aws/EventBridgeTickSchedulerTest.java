package dev.ringmaster.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBridgeTickSchedulerTest {
    private static final String FN = "arn:aws:lambda:eu-west-1:123456789012:function:ringmaster-evaluate-gates";
    private static final String ROLE = "arn:aws:iam::123456789012:role/ringmaster-scheduler";
    private static final String PATH = "/schedules/ringmaster-android-2-1-0";

    private final WireMockAws aws = new WireMockAws();
    private final EventBridgeTickScheduler scheduler = new EventBridgeTickScheduler(aws.client("scheduler"), FN, ROLE, null);

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void schedule_createsARateScheduleInvokingEvaluateGatesWithTheTickPayload() throws Exception {
        aws.server.stubFor(post(PATH).willReturn(aResponse().withStatus(200)
                .withBody("{\"ScheduleArn\":\"arn:aws:scheduler:eu-west-1:123456789012:schedule/default/ringmaster-android-2-1-0\"}")));

        scheduler.schedule("android-2-1-0", Duration.ofMinutes(5));

        aws.server.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/scheduler/aws4_request, .*")));
        JsonNode body = new ObjectMapper().readTree(aws.server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString());
        assertEquals("rate(5 minutes)", body.path("ScheduleExpression").asText());
        assertEquals("OFF", body.path("FlexibleTimeWindow").path("Mode").asText());
        assertEquals("ENABLED", body.path("State").asText());
        assertEquals(FN, body.path("Target").path("Arn").asText());
        assertEquals(ROLE, body.path("Target").path("RoleArn").asText());
        assertEquals("android-2-1-0", new ObjectMapper().readTree(body.path("Target").path("Input").asText()).path("rolloutId").asText());
    }

    @Test
    void schedule_existingSchedule_isAlreadyScheduled() {
        aws.server.stubFor(post(PATH).willReturn(aResponse().withStatus(409).withHeader("x-amzn-ErrorType", "ConflictException")
                .withBody("{\"Message\":\"Schedule ringmaster-android-2-1-0 already exists.\"}")));

        scheduler.schedule("android-2-1-0", Duration.ofMinutes(5));

        aws.server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void schedule_throttled_isRetried() {
        aws.server.stubFor(post(PATH).inScenario("t").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "ThrottlingException")
                        .withBody("{\"Message\":\"Rate exceeded\"}")));
        aws.server.stubFor(post(PATH).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"ScheduleArn\":\"arn\"}")));

        scheduler.schedule("android-2-1-0", Duration.ofMinutes(5));

        aws.server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void schedule_validationError_failsNamingIt() {
        aws.server.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withHeader("x-amzn-ErrorType", "ValidationException")
                .withBody("{\"Message\":\"The execution role you provide must allow AWS EventBridge Scheduler to assume the role.\"}")));

        AwsCallFailed e = assertThrows(AwsCallFailed.class, () -> scheduler.schedule("android-2-1-0", Duration.ofMinutes(5)));

        assertEquals("ValidationException", e.errorCode());
        assertTrue(e.getMessage().contains("must allow AWS EventBridge Scheduler to assume the role"), e.getMessage());
        aws.server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void unschedule_deletesTheSchedule_andAMissingOneIsFine() {
        aws.server.stubFor(delete(urlPathEqualTo(PATH)).inScenario("d").whenScenarioStateIs(STARTED).willSetStateTo("gone")
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        aws.server.stubFor(delete(urlPathEqualTo(PATH)).inScenario("d").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(404).withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                        .withBody("{\"Message\":\"Schedule ringmaster-android-2-1-0 does not exist.\"}")));

        scheduler.unschedule("android-2-1-0");
        scheduler.unschedule("android-2-1-0");

        aws.server.verify(2, deleteRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=.*/scheduler/aws4_request, .*")));
    }

    @Test
    void unschedule_accessDenied_fails() {
        aws.server.stubFor(delete(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("x-amzn-ErrorType", "AccessDeniedException").withBody("{\"Message\":\"not authorized\"}")));

        AwsCallFailed e = assertThrows(AwsCallFailed.class, () -> scheduler.unschedule("android-2-1-0"));
        assertEquals("AccessDeniedException", e.errorCode());
    }

    @Test
    void rateExpressions_useWholeUnitsAndTheSingularForOne() {
        assertEquals("rate(5 minutes)", EventBridgeTickScheduler.rateExpression(Duration.ofMinutes(5)));
        assertEquals("rate(1 minute)", EventBridgeTickScheduler.rateExpression(Duration.ofMinutes(1)));
        assertEquals("rate(1 hour)", EventBridgeTickScheduler.rateExpression(Duration.ofHours(1)));
        assertEquals("rate(90 minutes)", EventBridgeTickScheduler.rateExpression(Duration.ofMinutes(90)));
        assertEquals("rate(2 days)", EventBridgeTickScheduler.rateExpression(Duration.ofDays(2)));
        assertThrows(IllegalArgumentException.class, () -> EventBridgeTickScheduler.rateExpression(Duration.ofSeconds(30)));
    }

    @Test
    void longRolloutIds_getAStableNameWithinSchedulersLimit() {
        String id = "a".repeat(63);
        String name = EventBridgeTickScheduler.name(id);
        assertEquals(EventBridgeTickScheduler.MAX_NAME, name.length());
        assertTrue(name.startsWith("ringmaster-aaa"));
        assertEquals(name, EventBridgeTickScheduler.name(id));
        assertEquals("ringmaster-short", EventBridgeTickScheduler.name("short"));
    }
}
