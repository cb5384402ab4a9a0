package dev.ringmaster.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

class EventBridgeTickSchedulerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FN = "arn:aws:lambda:eu-west-1:123456789012:function:ringmaster-evaluate-gates";
    private static final String ROLE = "arn:aws:iam::123456789012:role/ringmaster-scheduler";
    private static final String PATH = "/schedules/ringmaster-android-2-1-0";
    private static final String ARN = "{\"ScheduleArn\":\"arn:aws:scheduler:eu-west-1:123456789012:schedule/default/ringmaster-android-2-1-0\"}";

    private final WireMockAws aws = new WireMockAws();
    private final SchedulerClient client = aws.client(SchedulerClient.builder()).build();
    private final EventBridgeTickScheduler scheduler = new EventBridgeTickScheduler(client, FN, ROLE, null);
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ringmaster-on-call";
    private static final String PUT_ALARM = "/service/GraniteServiceVersion20100801/operation/PutMetricAlarm";
    private static final String DELETE_ALARMS = "/service/GraniteServiceVersion20100801/operation/DeleteAlarms";
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private final CloudWatchClient cloudWatch = aws.client(CloudWatchClient.builder()).build();
    /** What the scheduler printed: stdout (metric lines) and stderr, in order, each line tagged. */
    private final List<String> printed = new ArrayList<>();
    private final EventBridgeTickScheduler alarmed = new EventBridgeTickScheduler(client, FN, ROLE, "ringmaster",
            new NoTickAlarm(cloudWatch, TOPIC, Clock.fixed(NOW, ZoneOffset.UTC), line -> printed.add("out " + line)),
            line -> printed.add("err " + line));

    @AfterEach
    void stop() {
        client.close();
        cloudWatch.close();
        aws.close();
    }

    /**
     * A CloudWatch answer as the SDK 2.57 client speaks it (Smithy RPC v2 CBOR): PutMetricAlarm and DeleteAlarms
     * answer an empty map; an error has {@code __type} and, CloudWatch being awsQuery-compatible, its query code in
     * {@code x-amzn-query-error}.
     */
    private static ResponseDefinitionBuilder cloudWatch(int status, String queryCode, String type, String message) throws Exception {
        ResponseDefinitionBuilder r = aResponse().withStatus(status).withHeader("Content-Type", "application/cbor")
                .withHeader("smithy-protocol", "rpc-v2-cbor").withHeader("x-amzn-RequestId", "5b6e1c2a-8d3f-4a7b-9c1e-2f4d6a8b0c13")
                .withBody(CBOR.writeValueAsBytes(queryCode == null ? Map.of() : Map.of("__type", type, "message", message)));
        return queryCode == null ? r : r.withHeader("x-amzn-query-error", queryCode + ";Sender");
    }

    /** Method and path of each request, oldest first. */
    private List<String> requests() {
        return calls().stream().map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl().replaceAll("\\?.*", "")).toList();
    }

    /** A REST-JSON answer as Scheduler sends it: the error code in x-amzn-ErrorType, the text in Message. */
    private static ResponseDefinitionBuilder answer(int status, String errorType, String body) {
        ResponseDefinitionBuilder r = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "0e1c4b3a-7d2f-4e8a-9b6c-5a4d3c2b1a09").withBody(body);
        return errorType == null ? r : r.withHeader("x-amzn-ErrorType", errorType);
    }

    /** What the scheduler sent, oldest first (WireMock lists the newest first). */
    private List<ServeEvent> calls() {
        List<ServeEvent> all = new ArrayList<>(aws.server.getAllServeEvents());
        Collections.reverse(all);
        return all;
    }

    private static JsonNode body(ServeEvent e) throws Exception {
        return JSON.readTree(e.getRequest().getBodyAsString());
    }

    private static void assertIsTheTickSchedule(JsonNode body) throws Exception {
        assertEquals("rate(5 minutes)", body.path("ScheduleExpression").asText());
        assertEquals("OFF", body.path("FlexibleTimeWindow").path("Mode").asText(), "ticks on time, not within a window");
        assertEquals("ENABLED", body.path("State").asText());
        assertFalse(body.has("ActionAfterCompletion"), "a rate schedule never completes: unschedule deletes it");
        assertEquals(FN, body.path("Target").path("Arn").asText());
        assertEquals(ROLE, body.path("Target").path("RoleArn").asText());
        assertEquals(JSON.readTree("{\"rolloutId\":\"android-2-1-0\"}"), JSON.readTree(body.path("Target").path("Input").asText()));
    }

    @Test
    void schedule_createsARateScheduleInvokingEvaluateGatesWithTheTickPayload() throws Exception {
        aws.server.stubFor(post(PATH).willReturn(answer(200, null, ARN)));

        scheduler.schedule("android-2-1-0", Duration.ofMinutes(5));

        aws.server.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/scheduler/aws4_request, .*")));
        JsonNode body = body(calls().get(0));
        assertIsTheTickSchedule(body);
        assertFalse(body.has("GroupName"), "the default group unless one is configured");
        assertFalse(body.path("ClientToken").asText().isEmpty(), "the SDK fills CreateSchedule's idempotency token");
    }

    @Test
    void schedule_existingSchedule_isUpdatedToTheWantedOne() throws Exception {
        aws.server.stubFor(post(PATH).willReturn(answer(409, "ConflictException",
                "{\"Message\":\"Schedule ringmaster-android-2-1-0 already exists.\"}")));
        aws.server.stubFor(put(PATH).willReturn(answer(200, null, ARN)));

        scheduler.schedule("android-2-1-0", Duration.ofMinutes(5));

        List<ServeEvent> calls = calls();
        assertEquals(List.of("POST " + PATH, "PUT " + PATH), calls.stream()
                .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList(), "create, then update: one request each");
        assertIsTheTickSchedule(body(calls.get(1)));
    }

    @Test
    void schedule_inAGroup_namesTheGroupInCreateAndDelete() throws Exception {
        EventBridgeTickScheduler grouped = new EventBridgeTickScheduler(client, FN, ROLE, "ringmaster-ticks");
        aws.server.stubFor(post(PATH).willReturn(answer(200, null, ARN)));
        aws.server.stubFor(delete(urlPathEqualTo(PATH)).willReturn(answer(200, null, "{}")));

        grouped.schedule("android-2-1-0", Duration.ofHours(1));
        grouped.unschedule("android-2-1-0");

        assertEquals("ringmaster-ticks", body(calls().get(0)).path("GroupName").asText());
        aws.server.verify(1, deleteRequestedFor(urlPathEqualTo(PATH)).withQueryParam("groupName", equalTo("ringmaster-ticks")));
    }

    @Test
    void schedule_throttled_isRetriedByTheSdk() {
        aws.server.stubFor(post(PATH).inScenario("t").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(answer(429, "ThrottlingException", "{\"Message\":\"Rate exceeded\"}")));
        aws.server.stubFor(post(PATH).inScenario("t").whenScenarioStateIs("ok").willReturn(answer(200, null, ARN)));

        scheduler.schedule("android-2-1-0", Duration.ofMinutes(5));

        aws.server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void schedule_validationError_failsNamingIt_withoutRetrying() {
        aws.server.stubFor(post(PATH).willReturn(answer(400, "ValidationException",
                "{\"Message\":\"The execution role you provide must allow AWS EventBridge Scheduler to assume the role.\"}")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scheduler.schedule("android-2-1-0", Duration.ofMinutes(5)));

        assertTrue(e.getMessage().startsWith("Scheduler CreateSchedule ringmaster-android-2-1-0 failed: HTTP 400 ValidationException: "
                + "The execution role you provide must allow"), e.getMessage());
        aws.server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void unschedule_deletesTheSchedule_andAMissingOneIsFine() {
        aws.server.stubFor(delete(urlPathEqualTo(PATH)).inScenario("d").whenScenarioStateIs(STARTED).willSetStateTo("gone")
                .willReturn(answer(200, null, "{}")));
        aws.server.stubFor(delete(urlPathEqualTo(PATH)).inScenario("d").whenScenarioStateIs("gone")
                .willReturn(answer(404, "ResourceNotFoundException", "{\"Message\":\"Schedule ringmaster-android-2-1-0 does not exist.\"}")));

        scheduler.unschedule("android-2-1-0");
        scheduler.unschedule("android-2-1-0");

        aws.server.verify(2, deleteRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=.*/scheduler/aws4_request, .*")));
    }

    @Test
    void unschedule_accessDenied_fails() {
        aws.server.stubFor(delete(urlPathEqualTo(PATH)).willReturn(answer(403, "AccessDeniedException", "{\"Message\":\"not authorized\"}")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scheduler.unschedule("android-2-1-0"));

        assertTrue(e.getMessage().contains("DeleteSchedule ringmaster-android-2-1-0 failed: HTTP 403 AccessDeniedException: not authorized"),
                e.getMessage());
    }

    @Test
    void schedule_withAlarms_createsTheScheduleThenItsNoTickAlarm_afterCountingTickZero() throws Exception {
        aws.server.stubFor(post(PATH).willReturn(answer(200, null, ARN)));
        aws.server.stubFor(post(PUT_ALARM).willReturn(cloudWatch(200, null, null, null)));

        alarmed.schedule("android-2-1-0", Duration.ofMinutes(5));

        assertEquals(List.of("POST " + PATH, "POST " + PUT_ALARM), requests(), "the schedule first, then its alarm");
        ServeEvent put = calls().get(1);
        assertEquals("rpc-v2-cbor", put.getRequest().getHeader("smithy-protocol"));
        assertTrue(put.getRequest().getHeader("Authorization").contains("/eu-west-1/monitoring/aws4_request"), "signed for CloudWatch");
        JsonNode alarm = CBOR.readTree(put.getRequest().getBody());
        assertEquals("ringmaster-no-tick-android-2-1-0", alarm.path("AlarmName").asText());
        assertEquals("Ringmaster", alarm.path("Namespace").asText());
        assertEquals("Ticks", alarm.path("MetricName").asText());
        assertEquals(JSON.readTree("[{\"Name\":\"RolloutId\",\"Value\":\"android-2-1-0\"}]"), JSON.valueToTree(alarm.path("Dimensions")));
        assertEquals("Sum", alarm.path("Statistic").asText());
        assertEquals(300, alarm.path("Period").asInt(), "one tick interval");
        assertEquals(2, alarm.path("EvaluationPeriods").asInt());
        assertEquals(2, alarm.path("DatapointsToAlarm").asInt(), "two intervals in a row without a tick");
        assertEquals(1.0, alarm.path("Threshold").asDouble());
        assertEquals("LessThanThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals("breaching", alarm.path("TreatMissingData").asText(), "no tick at all is the very thing to alarm on");
        assertEquals(List.of(TOPIC), List.of(alarm.path("AlarmActions").get(0).asText()));
        assertEquals(1, alarm.path("AlarmActions").size());
        assertEquals(1, printed.size(), printed.toString());
        JsonNode tick0 = JSON.readTree(printed.get(0).substring("out ".length()));
        assertEquals("android-2-1-0", tick0.path("RolloutId").asText());
        assertEquals(1, tick0.path("Ticks").asInt());
        assertEquals(NOW.toEpochMilli(), tick0.path("_aws").path("Timestamp").asLong());
    }

    @Test
    void schedule_hourlyTicks_alarmAfterTwoHours() throws Exception {
        aws.server.stubFor(post(PATH).willReturn(answer(200, null, ARN)));
        aws.server.stubFor(post(PUT_ALARM).willReturn(cloudWatch(200, null, null, null)));

        alarmed.schedule("android-2-1-0", Duration.ofHours(1));

        assertEquals(3600, CBOR.readTree(calls().get(1).getRequest().getBody()).path("Period").asInt());
    }

    @Test
    void schedule_alarmRefused_stillTicks_andTheLogSaysWhy() throws Exception {
        aws.server.stubFor(post(PATH).willReturn(answer(200, null, ARN)));
        aws.server.stubFor(post(PUT_ALARM).willReturn(cloudWatch(403, "AccessDenied", "com.amazonaws.cloudwatch#AccessDenied",
                "User: arn:aws:sts::123456789012:assumed-role/ringmaster-operate is not authorized to perform: cloudwatch:PutMetricAlarm")));

        alarmed.schedule("android-2-1-0", Duration.ofMinutes(5));

        aws.server.verify(1, postRequestedFor(urlEqualTo(PATH)));
        String said = printed.get(printed.size() - 1);
        assertTrue(said.startsWith("err rollout android-2-1-0 ticks without its no-tick alarm: CloudWatch PutMetricAlarm "
                + "ringmaster-no-tick-android-2-1-0 failed: HTTP 403"), said);
        assertTrue(said.contains("not authorized to perform: cloudwatch:PutMetricAlarm"), said);
    }

    @Test
    void unschedule_withAlarms_deletesTheAlarmThenTheSchedule_andAnAlarmAlreadyGoneIsFine() throws Exception {
        aws.server.stubFor(post(DELETE_ALARMS).inScenario("a").whenScenarioStateIs(STARTED).willSetStateTo("gone")
                .willReturn(cloudWatch(200, null, null, null)));
        aws.server.stubFor(post(DELETE_ALARMS).inScenario("a").whenScenarioStateIs("gone")
                .willReturn(cloudWatch(404, "ResourceNotFound", "com.amazonaws.cloudwatch#ResourceNotFound", "Alarm does not exist")));
        aws.server.stubFor(delete(urlPathEqualTo(PATH)).willReturn(answer(200, null, "{}")));

        alarmed.unschedule("android-2-1-0");
        alarmed.unschedule("android-2-1-0");

        assertEquals(List.of("POST " + DELETE_ALARMS, "DELETE " + PATH, "POST " + DELETE_ALARMS, "DELETE " + PATH), requests());
        assertEquals(JSON.readTree("{\"AlarmNames\":[\"ringmaster-no-tick-android-2-1-0\"]}"),
                JSON.valueToTree(CBOR.readTree(calls().get(0).getRequest().getBody())));
    }

    @Test
    void unschedule_alarmNotDeleted_keepsTheSchedule_soTheNextTickTriesBothAgain() throws Exception {
        aws.server.stubFor(post(DELETE_ALARMS).willReturn(cloudWatch(403, "AccessDenied", "com.amazonaws.cloudwatch#AccessDenied",
                "not authorized to perform: cloudwatch:DeleteAlarms")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> alarmed.unschedule("android-2-1-0"));

        assertTrue(e.getMessage().startsWith("CloudWatch DeleteAlarms ringmaster-no-tick-android-2-1-0 failed: HTTP 403"), e.getMessage());
        aws.server.verify(0, deleteRequestedFor(urlPathEqualTo(PATH)));
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
