package dev.ringmaster.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static boolean nodeRuns() {
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
        assertEquals(List.of(), new Policies(resources).wildcards());
        nativeStack.allResourcesProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns", Match.absent()));
    }

    @Test
    void eachFunctionMayDoOnlyWhatItsStepUses() {
        assertEquals(List.of("scheduler:CreateSchedule", "scheduler:UpdateSchedule"),
                allowed("operate").stream().filter(a -> a.startsWith("scheduler:")).toList(), "start, and a retried start");
        assertEquals(List.of("scheduler:DeleteSchedule"), allowed("evaluategates").stream().filter(a -> a.startsWith("scheduler:")).toList(),
                "the last tick");
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
    }

    @Test
    void aHaltRollbackOrKillThatFailedOrWasRefused_pagesOnCall() {
        nativeStack.hasResourceProperties("AWS::CloudWatch::Alarm", Map.ofEntries(Map.entry("AlarmName", "ringmaster-protective-action-failed"),
                Map.entry("Namespace", "Ringmaster"), Map.entry("MetricName", "ProtectiveActionFailed"), Map.entry("Dimensions", Match.absent()),
                Map.entry("Statistic", "Sum"), Map.entry("Period", 300), Map.entry("EvaluationPeriods", 1), Map.entry("Threshold", 1),
                Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"), Map.entry("TreatMissingData", "notBreaching"),
                Map.entry("AlarmActions", List.of(Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("^OnCall")))))));
    }

    @Test
    void operateMakesEachRolloutsNoTickAlarm_andEvaluateGatesDeletesIt_onlyThose() {
        for (String fn : List.of("evaluate-gates", "operate")) {
            nativeStack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-" + fn,
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("RINGMASTER_SCHEDULER_ALARM_TOPIC_ARN",
                            Map.of("Ref", Match.stringLikeRegexp("^OnCall")))))));
        }
        nativeStack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-evaluate-gates",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("RINGMASTER_TICK_METRIC", Match.absent())))));
        Policies policies = new Policies(resources);
        String noTick = "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:ringmaster-no-tick-*";
        assertEquals(List.of(noTick), policies.resources("operate", "cloudwatch:PutMetricAlarm"));
        assertEquals(List.of(noTick), policies.resources("evaluategates", "cloudwatch:DeleteAlarms"));
        assertFalse(allowed("operate").contains("cloudwatch:DeleteAlarms"), "operate only starts rollouts");
        assertFalse(allowed("evaluategates").contains("cloudwatch:PutMetricAlarm"), "a tick only ends them");
        for (String fn : List.of("advancephase", "pausestorerollout", "notifychannel", "ingestwebhook")) {
            assertFalse(allowed(fn).stream().anyMatch(a -> a.startsWith("cloudwatch:")), fn);
        }
    }

    @Test
    void withoutContext_nothingAPlanMightTouchIsGranted_andCrashlyticsIsNotConfigured() {
        for (String fn : List.of("advancephase", "pausestorerollout", "notifychannel", "operate", "evaluategates", "ingestwebhook")) {
            assertEquals(List.of(), allowed(fn).stream().filter(a -> a.matches("(s3|appconfig|ecr|ses):.*|cloudwatch:GetMetricData")).toList(), fn);
        }
        nativeStack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-ingest-webhook",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("RINGMASTER_WEBHOOK_CRASHLYTICS_AUDIENCE", Match.absent())))));
        nativeStack.resourceCountIs("AWS::SecretsManager::Secret", 4);
        nativeStack.hasResourceProperties("AWS::SecretsManager::Secret", Map.of("Name", "ringmaster/webhook/appstore"));
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

    private static List<String> allowed(String prefix) {
        return new Policies(resources).allowed(prefix);
    }
}
