package dev.ringmaster.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The synthesized template, checked for what matters to a team deploying it: the table's keys, billing, TTL and
 * backups; the routes between the functions; who may do what. One synth per runtime (the first costs seconds:
 * jsii starts node and loads aws-cdk-lib).
 */
class RingmasterStackTest {
    static Template nativeStack;
    static Map<String, Object> resources;

    @BeforeAll
    static void synth(@TempDir Path root) throws IOException {
        Assumptions.assumeTrue(nodeRuns(), "node is not installed: the CDK's jsii runtime needs Node 20 (Debian: nodejs)");
        nativeStack = Template.fromStack(RingmasterApp.synth(RingmasterApp.app(root.resolve("cdk.out").toString()), zips(root)));
        resources = nativeStack.toJSON();
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder(System.getenv().getOrDefault("JSII_NODE", "node"), "--version")
                    .redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stand-in packages: the template names the asset, its bytes do not matter here. */
    static Path zips(Path root) throws IOException {
        for (String name : RingmasterStack.FUNCTIONS) {
            Path zip = root.resolve("functions").resolve(name).resolve("target/function.zip");
            Files.createDirectories(zip.getParent());
            Files.write(zip, new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        }
        return root;
    }

    @Test
    void theTableHasTheKeysTheStoreUsesOnDemandBillingTtlAndPointInTimeRecovery() {
        nativeStack.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "ringmaster",
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
        nativeStack.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void sixFunctionsRunNativeByDefaultAndOnJava21WithContextRuntimeJvm(@TempDir Path root) throws IOException {
        nativeStack.resourceCountIs("AWS::Lambda::Function", 6);
        for (String name : RingmasterStack.FUNCTIONS) {
            nativeStack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-" + name,
                    "Runtime", "provided.al2023", "Timeout", 60));
        }
        App app = RingmasterApp.app(root.resolve("cdk.out").toString());
        app.getNode().setContext("runtime", "jvm");
        Template jvm = Template.fromStack(RingmasterApp.synth(app, zips(root)));
        jvm.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-operate", "Runtime", "java21",
                "Handler", "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest", "MemorySize", 1024));
    }

    @Test
    void anUnknownRuntimeOrAMissingPackageIsRefusedNamingIt(@TempDir Path root) {
        IllegalArgumentException runtime = assertThrows(IllegalArgumentException.class, () -> Runtimes.of("graal"));
        assertEquals("context runtime: 'graal' is not native or jvm", runtime.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RingmasterApp.synth(RingmasterApp.app(root.resolve("cdk.out").toString()), root));
        assertTrue(missing.getMessage().contains("functions/evaluate-gates/target/function.zip is missing"), missing.getMessage());
    }

    @Test
    void theRulesRouteEachActionToItsFunctionWithADeadLetterQueue() {
        rule("ringmaster-advance", Map.of("action", List.of("ENTER_PHASE", "RESUME", "COMPLETE")), "advancephase");
        rule("ringmaster-stop", Map.of("action", List.of("HALT", "ROLLBACK", "KILL", "KILL_COHORT")), "pausestorerollout");
        nativeStack.hasResourceProperties("AWS::Events::Rule", Map.of("Name", "ringmaster-notify",
                "EventPattern", Map.of("source", List.of("ringmaster"), "detail-type", List.of("RolloutEvent")),
                "Targets", List.of(Match.objectLike(Map.of("DeadLetterConfig", Match.anyValue())))));
        nativeStack.resourceCountIs("AWS::SQS::Queue", 3);
        for (String id : List.of("advance", "stop", "notify")) {
            nativeStack.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "ringmaster-" + id + "-dlq-depth",
                    "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 1));
        }
    }

    private static void rule(String name, Map<String, Object> detail, String function) {
        nativeStack.hasResourceProperties("AWS::Events::Rule", Map.of("Name", name,
                "EventPattern", Map.of("source", List.of("ringmaster"), "detail-type", List.of("RolloutEvent"), "detail", detail),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^" + function + "[0-9A-F]{8}$"), "Arn")),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 4, "MaximumEventAgeInSeconds", 7200),
                        "DeadLetterConfig", Match.anyValue())))));
    }

    @Test
    void webhooksNeedNoAwsSignatureButOperateDoes() {
        nativeStack.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "NONE",
                "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^ingestwebhook"), "Arn"))));
        nativeStack.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "AWS_IAM",
                "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^operate"), "Arn"))));
    }

    @Test
    void noPolicyAllowsAnyActionOrAnyResource() {
        List<String> wildcards = new ArrayList<>();
        for (Map.Entry<String, Object> e : policies().entrySet()) {
            for (Map<String, Object> st : statements(e.getValue())) {
                for (Object action : list(st.get("Action"))) {
                    if (action.toString().contains("*")) {
                        wildcards.add(e.getKey() + " action " + action);
                    }
                }
                for (Object resource : list(st.get("Resource"))) {
                    if ("*".equals(resource)) {
                        wildcards.add(e.getKey() + " resource * for " + st.get("Action"));
                    }
                }
            }
        }
        assertEquals(List.of(), wildcards);
        nativeStack.allResourcesProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns", Match.absent()));
    }

    @Test
    void eachFunctionMayDoOnlyWhatItsStepUses() {
        assertTrue(allowed("operate").contains("scheduler:CreateSchedule"));
        assertTrue(allowed("evaluategates").contains("scheduler:DeleteSchedule"));
        assertTrue(allowed("evaluategates").contains("events:PutEvents"));
        assertTrue(allowed("ingestwebhook").contains("events:PutEvents"));
        for (String fn : List.of("advancephase", "pausestorerollout", "notifychannel")) {
            assertFalse(allowed(fn).contains("events:PutEvents"), fn + " publishes nothing");
            assertFalse(allowed(fn).stream().anyMatch(a -> a.startsWith("scheduler:") || a.equals("iam:PassRole")), fn + " schedules nothing");
        }
        for (String fn : List.of("advancephase", "pausestorerollout", "notifychannel", "operate", "evaluategates", "ingestwebhook")) {
            assertTrue(allowed(fn).contains("dynamodb:PutItem") && allowed(fn).contains("dynamodb:Query"), fn + " reads and writes the table");
            assertTrue(allowed(fn).contains("logs:PutLogEvents"), fn + " writes its own logs");
            assertFalse(allowed(fn).contains("dynamodb:DeleteTable"), fn);
        }
    }

    @Test
    void schedulesMayOnlyInvokeEvaluateGates() {
        nativeStack.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "scheduler.amazonaws.com")))))));
        List<String> scheduler = allowed("SchedulerRole");
        assertEquals(List.of("lambda:InvokeFunction"), scheduler.stream().distinct().toList());
    }

    @Test
    void everyFunctionAndEveryDeadLetterQueueAlarmsOnCall() {
        for (String name : RingmasterStack.FUNCTIONS) {
            nativeStack.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "ringmaster-" + name + "-errors",
                    "MetricName", "Errors", "AlarmActions", List.of(Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("^OnCall"))))));
        }
        nativeStack.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "ringmaster-pause-store-rollout-errors",
                "AlarmDescription", Match.stringLikeRegexp("protective action")));
    }

    @Test
    void theTemplateIsWrittenUnderTargetCdkOut() throws IOException {
        Path out = Path.of(System.getProperty("ringmaster.cdk.out", "target/cdk.out"));
        Path repo = Path.of(System.getProperty("ringmaster.root", ".."));
        Path root = Files.isRegularFile(repo.resolve("functions/operate/target/function.zip")) ? repo
                : zips(Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "zips"));
        RingmasterApp.synth(RingmasterApp.app(out.toString()), root);
        String template = Files.readString(out.resolve("Ringmaster.template.json"));
        assertTrue(template.contains("\"ringmaster-evaluate-gates\""), "the template names the functions");
    }

    /** Policies by logical id. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> policies() {
        Map<String, Object> all = new java.util.TreeMap<>();
        Map<String, Object> res = (Map<String, Object>) resources.get("Resources");
        res.forEach((id, r) -> {
            Map<String, Object> m = (Map<String, Object>) r;
            if ("AWS::IAM::Policy".equals(m.get("Type"))) {
                all.put(id, m.get("Properties"));
            }
        });
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Object properties) {
        Map<String, Object> doc = (Map<String, Object>) ((Map<String, Object>) properties).get("PolicyDocument");
        return (List<Map<String, Object>>) doc.get("Statement");
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : o == null ? List.of() : List.of(o);
    }

    /** The actions the policies attached to the role whose logical id starts with {@code prefix} allow. */
    @SuppressWarnings("unchecked")
    private static List<String> allowed(String prefix) {
        List<String> actions = new ArrayList<>();
        policies().forEach((id, p) -> {
            List<Object> roles = list(((Map<String, Object>) p).get("Roles"));
            boolean mine = roles.stream().anyMatch(r -> r instanceof Map<?, ?> ref && ref.get("Ref") != null
                    && ref.get("Ref").toString().startsWith(prefix));
            if (mine) {
                statements(p).forEach(st -> list(st.get("Action")).forEach(a -> actions.add(a.toString())));
            }
        });
        return actions;
    }
}
