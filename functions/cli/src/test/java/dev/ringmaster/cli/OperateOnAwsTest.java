package dev.ringmaster.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: {@code --aws} on the operator commands invokes the deployed operate function (Lambda Invoke, here a
 * WireMock answering as Lambda does) with the event on-call would paste from events/, and prints its answer as the
 * local runner's: exit 0 accepted, 1 refused, 2 when the function cannot be asked, with what to do.
 */
@QuarkusMainTest
class OperateOnAwsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVOKE = "/2015-03-31/functions/ringmaster-operate/invocations";
    private static final WireMockServer LAMBDA = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    /** What a deployment's settings and the SDK's default chain give (the environment in real use). */
    private static final Map<String, String> SETTINGS = Map.of("aws.accessKeyId", "AKIDEXAMPLE",
            "aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        LAMBDA.start();
        SETTINGS.forEach(System::setProperty);
        System.setProperty("ringmaster.aws.endpoint", "http://127.0.0.1:" + LAMBDA.port());
    }

    @AfterAll
    static void stop() {
        SETTINGS.keySet().forEach(System::clearProperty);
        System.clearProperty("ringmaster.aws.endpoint");
        LAMBDA.stop();
    }

    @BeforeEach
    void reset() {
        LAMBDA.resetAll();
    }

    /** A synchronous invocation's answer as Lambda sends it: the function's JSON as the body. */
    private static ResponseDefinitionBuilder invoked(String functionJson) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withHeader("X-Amz-Executed-Version", "$LATEST")
                .withHeader("x-amzn-RequestId", "6f1b5d5e-3c3f-4a8a-9a53-2d7c0b1e6a11").withBody(functionJson);
    }

    /** A Lambda API error: the code in x-amzn-ErrorType, the text in the JSON body. */
    private static ResponseDefinitionBuilder error(int status, String type, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", type)
                .withHeader("x-amzn-RequestId", "0e1c4b3a-7d2f-4e8a-9b6c-5a4d3c2b1a09").withBody(body);
    }

    private static LaunchResult launch(QuarkusMainLauncher launcher, List<String> args) {
        return launcher.launch(args.toArray(String[]::new));
    }

    /** The one request the CLI sent, as JSON. */
    private static JsonNode sent() throws Exception {
        assertEquals(1, LAMBDA.getAllServeEvents().size(), "one invocation, no retry");
        return JSON.readTree(LAMBDA.getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    /** The command line on-call types for a sample event: its verb, rollout (or plan file), reason, operator, force. */
    private static List<String> commandLine(JsonNode sample) throws Exception {
        String command = sample.path("command").asText();
        List<String> args = new ArrayList<>(List.of(command.equals("mark-fixed") ? "fixed" : command));
        if (command.equals("start")) {
            Path plan = dir.resolve(sample.path("rolloutId").asText() + ".yaml");
            Files.writeString(plan, sample.path("plan").asText());
            args.add(plan.toString());
        } else {
            args.add(sample.path("rolloutId").asText());
        }
        if (sample.path("checklistConfirmed").asBoolean()) {
            args.add("--confirm-checklist");
        }
        args.addAll(List.of("--reason", sample.path("reason").asText(), "--operator", sample.path("operator").asText()));
        if (sample.path("force").asBoolean()) {
            args.add("--force");
        }
        for (String field : List.of("cohort", "metric", "result")) {
            if (sample.has(field)) {
                args.addAll(List.of("--" + field, sample.path(field).asText()));
            }
        }
        args.addAll(List.of("--aws", "--region", "eu-west-1"));
        return args;
    }

    @ParameterizedTest(name = "{0}: the CLI sends events/operate-{0}.json")
    @ValueSource(strings = {"start", "pause", "resume", "rollback", "promote", "approve", "kill", "kill-cohort", "report", "mark-fixed"})
    void everyCommandSendsTheSampleEventOnCallWouldPaste_andPrintsTheAnswer(String command, QuarkusMainLauncher launcher) throws Exception {
        JsonNode sample = JSON.readTree(Path.of(RepoPaths.path("events/operate-" + command + ".json")).toFile());
        LAMBDA.stubFor(post(INVOKE).willReturn(invoked(
                "{\"accepted\":true,\"message\":\"" + command + " by jane.doe\",\"reason\":null,\"state\":\"RUNNING\",\"version\":3}")));

        LaunchResult r = launch(launcher, commandLine(sample));

        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertEquals("android-2-1-0: " + command + " by jane.doe — now RUNNING (version 3)", r.getOutput().strip());
        assertEquals(sample, sent(), "field for field the sample's event");
        LAMBDA.verify(postRequestedFor(urlEqualTo(INVOKE))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/lambda/aws4_request, .*")));
    }

    /** Options only some commands take become the fields operate reads for them (CONTRACTS.md §5, issue 13). */
    @Test
    void optionsOfOneCommand_areSentAsItsFields(QuarkusMainLauncher launcher) throws Exception {
        LAMBDA.stubFor(post(INVOKE).willReturn(invoked("{\"accepted\":true,\"message\":\"ok\",\"reason\":null,\"state\":\"HALTED\",\"version\":4}")));
        record Case(List<String> args, String expected) {
        }
        Path plan = dir.resolve("hotfix.yaml");
        Files.copy(Path.of(RepoPaths.path("events/plans/002-android-hotfix.yaml")), plan, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String hotfixId = dev.ringmaster.core.plan.PlanParser.parse(plan).plan().id();
        ObjectNode start = (ObjectNode) JSON.readTree("{\"command\":\"start\",\"rolloutId\":\"" + hotfixId + "\",\"force\":false,\"operator\":\"sam\","
                + "\"checklistConfirmed\":false,\"phase\":\"phase-2\",\"after\":\"android-2-1-0\"}");
        start.put("plan", Files.readString(plan));
        List<Case> cases = List.of(
                new Case(List.of("kill", "web-2-1-0-canary", "--cohort", "beta", "--reason", "beta users report data loss", "--operator", "kim"),
                        "{\"command\":\"kill\",\"rolloutId\":\"web-2-1-0-canary\",\"reason\":\"beta users report data loss\",\"force\":false,"
                                + "\"operator\":\"kim\",\"cohort\":\"beta\"}"),
                new Case(List.of("approve", "android-2-1-0", "--operator", "release-board", "--checklist", "All health gates passed",
                        "--checklist", "No blocking issues"),
                        "{\"command\":\"approve\",\"rolloutId\":\"android-2-1-0\",\"force\":false,\"operator\":\"release-board\","
                                + "\"checklist\":[\"All health gates passed\",\"No blocking issues\"]}"),
                new Case(List.of("report", "web-2-1-0-canary", "--metric", "smoke_tests", "--result", "fail", "--operator", "ci", "--reason", "CI run 4712"),
                        "{\"command\":\"report\",\"rolloutId\":\"web-2-1-0-canary\",\"reason\":\"CI run 4712\",\"force\":false,\"operator\":\"ci\","
                                + "\"metric\":\"smoke_tests\",\"result\":\"fail\"}"),
                new Case(List.of("start", plan.toString(), "--phase", "phase-2", "--after", "android-2-1-0", "--operator", "sam"), start.toString()));
        for (Case c : cases) {
            LAMBDA.resetRequests();
            List<String> args = new ArrayList<>(c.args());
            args.addAll(List.of("--aws", "--region", "eu-west-1"));
            LaunchResult r = launch(launcher, args);
            assertEquals(0, r.exitCode(), c.args() + ": " + r.getErrorOutput());
            assertEquals(JSON.readTree(c.expected()), sent(), c.args().toString());
        }
    }

    @Test
    void aRefusal_exits1WithTheFunctionsReason(QuarkusMainLauncher launcher) {
        LAMBDA.stubFor(post(INVOKE).willReturn(invoked("{\"accepted\":false,\"message\":null,"
                + "\"reason\":\"cannot resume a COMPLETED rollout: it already reached every user\",\"state\":\"COMPLETED\",\"version\":5}")));

        LaunchResult r = launch(launcher, List.of("resume", "android-2-1-0", "--aws", "--region", "eu-west-1"));

        assertEquals(1, r.exitCode());
        assertEquals("android-2-1-0: refused: cannot resume a COMPLETED rollout: it already reached every user", r.getErrorOutput().strip());
    }

    /** Every way the function cannot be asked: exit 2, the function named, what to do, never a stack trace. */
    @Test
    void whenTheFunctionCannotBeAsked_exit2SaysWhichAndWhatToDo(QuarkusMainLauncher launcher) {
        record Case(String rule, ResponseDefinitionBuilder answer, List<String> extra, List<String> said) {
        }
        String arn = "arn:aws:lambda:eu-west-1:123456789012:function:ringmaster-operate";
        List<Case> cases = List.of(
                new Case("the function threw", invoked("{\"errorMessage\":\"Table ringmaster not found\",\"errorType\":\"java.lang.IllegalStateException\","
                        + "\"stackTrace\":[\"dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore.find(DynamoDbRolloutStore.java:96)\"]}")
                        .withHeader("X-Amz-Function-Error", "Unhandled"), List.of(),
                        List.of("ringmaster-operate failed (Unhandled): java.lang.IllegalStateException: Table ringmaster not found",
                                "CloudWatch Logs group /aws/lambda/ringmaster-operate", "check with `status --aws`")),
                new Case("the caller may not invoke it", error(403, "AccessDeniedException", "{\"Message\":\"User: arn:aws:iam::123456789012:user/jane.doe "
                        + "is not authorized to perform: lambda:InvokeFunction on resource: " + arn + " because no identity-based policy allows the "
                        + "lambda:InvokeFunction action\"}"), List.of(),
                        List.of("cannot invoke the function ringmaster-operate: HTTP 403 AccessDeniedException: User: arn:aws:iam::123456789012:user/jane.doe "
                                + "is not authorized to perform: lambda:InvokeFunction", "Use AWS credentials allowed lambda:InvokeFunction on it")),
                new Case("no such function", error(404, "ResourceNotFoundException", "{\"Type\":\"User\",\"message\":\"Function not found: " + arn + "\"}"),
                        List.of(), List.of("cannot invoke the function ringmaster-operate in http://127.0.0.1:" + LAMBDA.port()
                                + ": HTTP 404 ResourceNotFoundException: Function not found: " + arn,
                                "name the deployed one with --function or RINGMASTER_OPERATE_FUNCTION")),
                new Case("another function answered", invoked("{\"rolloutId\":\"android-2-1-0\",\"version\":2,\"applied\":true}"), List.of(),
                        List.of("ringmaster-operate did not answer as operate does", "Is --function (or RINGMASTER_OPERATE_FUNCTION) the operate function?")));
        for (Case c : cases) {
            LAMBDA.resetAll();
            LAMBDA.stubFor(post(INVOKE).willReturn(c.answer()));
            List<String> args = new ArrayList<>(List.of("pause", "android-2-1-0", "--reason", "support tickets", "--aws", "--region", "eu-west-1"));
            args.addAll(c.extra());
            LaunchResult r = launch(launcher, args);
            assertEquals(2, r.exitCode(), c.rule() + ": " + r.getOutput() + r.getErrorOutput());
            c.said().forEach(s -> assertTrue(r.getErrorOutput().contains(s), c.rule() + ": " + r.getErrorOutput()));
            assertFalse(r.getErrorOutput().contains("\tat ") || r.getErrorOutput().contains("Exception in thread"), c.rule() + ": " + r.getErrorOutput());
            assertEquals("", r.getOutput().strip(), c.rule());
        }
    }

    /** Lambda's own timeout has no errorType; a function named by its ARN and alias has its log under its name. */
    @Test
    void aTimedOutFunctionNamedByArn_saysWhereItsLogIs(QuarkusMainLauncher launcher) {
        String arn = "arn:aws:lambda:eu-west-1:123456789012:function:ringmaster-operate:live";
        LAMBDA.stubFor(post(urlPathMatching("/2015-03-31/functions/.+/invocations")).willReturn(invoked(
                "{\"errorMessage\":\"2026-12-01T10:07:00.000Z 6f1b5d5e-3c3f-4a8a-9a53-2d7c0b1e6a11 Task timed out after 60.05 seconds\"}")
                .withHeader("X-Amz-Function-Error", "Unhandled")));

        LaunchResult r = launch(launcher, List.of("kill", "android-2-1-0", "--aws", "--region", "eu-west-1", "--function", arn));

        assertEquals(2, r.exitCode(), r.getErrorOutput());
        assertEquals(arn + " failed (Unhandled): 2026-12-01T10:07:00.000Z 6f1b5d5e-3c3f-4a8a-9a53-2d7c0b1e6a11 Task timed out after 60.05 seconds. "
                + "It may have stopped part-way: read its log (CloudWatch Logs group /aws/lambda/ringmaster-operate) and check with `status --aws`.",
                r.getErrorOutput().strip());
        assertEquals("/2015-03-31/functions/" + arn + "/invocations",
                java.net.URLDecoder.decode(LAMBDA.getAllServeEvents().get(0).getRequest().getUrl(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anUnreachableEndpoint_exit2NamesWhereAndWhatToCheck(QuarkusMainLauncher launcher) {
        System.setProperty("ringmaster.aws.endpoint", "http://127.0.0.1:1");
        try {
            LaunchResult r = launch(launcher, List.of("rollback", "android-2-1-0", "--reason", "crash spike", "--aws", "--region", "eu-west-1"));
            assertEquals(2, r.exitCode(), r.getErrorOutput());
            assertTrue(r.getErrorOutput().startsWith("cannot invoke the function ringmaster-operate (http://127.0.0.1:1): "), r.getErrorOutput());
            assertTrue(r.getErrorOutput().contains(". Check the network, --region, RINGMASTER_AWS_ENDPOINT and your AWS credentials."), r.getErrorOutput());
            assertFalse(r.getErrorOutput().contains("\tat "), r.getErrorOutput());
        } finally {
            System.setProperty("ringmaster.aws.endpoint", "http://127.0.0.1:" + LAMBDA.port());
        }
    }

    /** The function's name: --function, else the setting (RINGMASTER_OPERATE_FUNCTION in the environment), else ringmaster-operate. */
    @Test
    void theFunctionInvoked_isTheOneNamed(QuarkusMainLauncher launcher) {
        LAMBDA.stubFor(post(urlEqualTo("/2015-03-31/functions/ringmaster-prod-operate/invocations")).willReturn(invoked(
                "{\"accepted\":true,\"message\":\"paused\",\"reason\":null,\"state\":\"PAUSED\",\"version\":2}")));
        LAMBDA.stubFor(post(urlEqualTo("/2015-03-31/functions/staging-operate/invocations")).willReturn(invoked(
                "{\"accepted\":true,\"message\":\"paused\",\"reason\":null,\"state\":\"PAUSED\",\"version\":2}")));
        System.setProperty(FunctionOption.SETTING, "ringmaster-prod-operate");
        try {
            assertEquals(0, launch(launcher, List.of("pause", "android-2-1-0", "--aws", "--region", "eu-west-1")).exitCode());
            assertEquals(0, launch(launcher, List.of("pause", "android-2-1-0", "--aws", "--region", "eu-west-1", "--function", "staging-operate")).exitCode());
        } finally {
            System.clearProperty(FunctionOption.SETTING);
        }
        assertEquals(List.of("/2015-03-31/functions/staging-operate/invocations", "/2015-03-31/functions/ringmaster-prod-operate/invocations"),
                LAMBDA.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList(), "newest first");
    }

    @Test
    void aBadResult_isRefusedBeforeAnythingIsSent(QuarkusMainLauncher launcher) {
        LaunchResult r = launch(launcher, List.of("report", "web-2-1-0-canary", "--metric", "smoke_tests", "--result", "passed", "--aws", "--region", "eu-west-1"));

        assertEquals(2, r.exitCode());
        assertEquals("--result: 'passed' must be pass or fail", r.getErrorOutput().strip());
        assertTrue(LAMBDA.getAllServeEvents().isEmpty());
    }
}
