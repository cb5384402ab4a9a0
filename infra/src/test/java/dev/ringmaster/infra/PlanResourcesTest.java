package dev.ringmaster.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * The AWS resources a team's plans touch, given as CDK context: each granted to the functions whose step calls it,
 * on the resources named and nothing else; bad values refused naming the key and the value.
 */
class PlanResourcesTest {
    private static final String ACCOUNT = "arn:${AWS::Partition}:%s:${AWS::Region}:${AWS::AccountId}:%s";
    static Template stack;
    static Policies policies;

    @BeforeAll
    static void synth(@TempDir Path root) throws IOException {
        Assumptions.assumeTrue(RingmasterStackTest.nodeRuns(), "node is not installed: the CDK's jsii runtime needs Node 20 (Debian: nodejs)");
        App app = RingmasterApp.app(root.resolve("cdk.out").toString());
        app.getNode().setContext("flagBuckets", "acme-flags, acme-flags-staging");
        app.getNode().setContext("appConfigApplications", List.of("abc1234"));
        app.getNode().setContext("ecrRepositories", "vpn/server,arn:aws:ecr:us-east-1:210987654321:repository/shared/proxy");
        app.getNode().setContext("cloudWatchMetrics", "true");
        app.getNode().setContext("sesIdentities", "releases.example.com");
        app.getNode().setContext("crashlyticsAudience", "https://hooks.example.com/webhooks/crashlytics");
        app.getNode().setContext("crashlyticsEmail", "crashlytics-push@acme-prod.iam.gserviceaccount.com");
        app.getNode().setContext("googlePlayCredentials", "ssm:/ringmaster/google-play/key");
        app.getNode().setContext("appStoreConnectKeyId", "2X9R4HXF34");
        app.getNode().setContext("appStoreConnectIssuerId", "57246542-96fe-1a63-e053-0824d011072a");
        app.getNode().setContext("appStoreConnectPrivateKey", "secretsmanager:ringmaster/asc-key");
        app.getNode().setContext("webhookSecrets", "ssm");
        app.getNode().setContext("noTickAlarm", "false");
        stack = Template.fromStack(RingmasterApp.synth(app, RingmasterStackTest.zips(root)));
        policies = new Policies(stack.toJSON());
    }

    private static String arn(String service, String resource) {
        return String.format(ACCOUNT, service, resource);
    }

    @Test
    void flagBuckets_writersPutAndGetItsObjects_evaluateGatesOnlyReads_andEachMayListTheBucket() {
        List<String> objects = List.of("arn:${AWS::Partition}:s3:::acme-flags/*", "arn:${AWS::Partition}:s3:::acme-flags-staging/*");
        List<String> buckets = List.of("arn:${AWS::Partition}:s3:::acme-flags", "arn:${AWS::Partition}:s3:::acme-flags-staging");
        for (String fn : List.of("advancephase", "pausestorerollout")) {
            assertEquals(objects, policies.resources(fn, "s3:PutObject"), fn);
            assertEquals(objects, policies.resources(fn, "s3:GetObject"), fn);
            assertEquals(buckets, policies.resources(fn, "s3:ListBucket"), fn);
        }
        assertEquals(objects, policies.resources("evaluategates", "s3:GetObject"));
        assertEquals(buckets, policies.resources("evaluategates", "s3:ListBucket"));
        assertEquals(List.of(), policies.resources("evaluategates", "s3:PutObject"), "a tick never writes flags");
        for (String fn : List.of("notifychannel", "operate", "ingestwebhook")) {
            assertFalse(policies.allowed(fn).stream().anyMatch(a -> a.startsWith("s3:")), fn);
        }
    }

    @Test
    void appConfigApplications_writersCreateVersionsAndDeploy_evaluateGatesOnlyReads_withinTheApplication() {
        List<String> app = List.of(arn("appconfig", "application/abc1234"), arn("appconfig", "application/abc1234/*"));
        for (String action : List.of("appconfig:GetConfigurationProfile", "appconfig:ListDeployments",
                "appconfig:ListHostedConfigurationVersions", "appconfig:GetHostedConfigurationVersion")) {
            assertEquals(app, policies.resources("evaluategates", action), action);
            assertEquals(app, policies.resources("advancephase", action), action);
        }
        assertEquals(app, policies.resources("pausestorerollout", "appconfig:CreateHostedConfigurationVersion"));
        List<String> deploy = new java.util.ArrayList<>(app);
        deploy.add(arn("appconfig", "deploymentstrategy/*"));
        assertEquals(deploy, policies.resources("pausestorerollout", "appconfig:StartDeployment"), "the strategy is a resource of StartDeployment");
        assertFalse(policies.allowed("evaluategates").contains("appconfig:StartDeployment"));
        assertFalse(policies.allowed("evaluategates").contains("appconfig:CreateHostedConfigurationVersion"));
    }

    @Test
    void ecrRepositories_byNameInThisAccountOrByArn_writersMoveRingTags_evaluateGatesOnlyReads() {
        List<String> repositories = List.of(arn("ecr", "repository/vpn/server"), "arn:aws:ecr:us-east-1:210987654321:repository/shared/proxy");
        for (String fn : List.of("advancephase", "pausestorerollout")) {
            for (String action : List.of("ecr:BatchGetImage", "ecr:PutImage", "ecr:DescribeImages")) {
                assertEquals(repositories, policies.resources(fn, action), fn + " " + action);
            }
        }
        assertEquals(repositories, policies.resources("evaluategates", "ecr:BatchGetImage"));
        assertEquals(repositories, policies.resources("evaluategates", "ecr:DescribeImages"));
        assertEquals(List.of(), policies.resources("evaluategates", "ecr:PutImage"));
    }

    @Test
    void sesIdentities_onlyNotifyChannelSends_fromThoseIdentities() {
        assertEquals(List.of(arn("ses", "identity/releases.example.com")), policies.resources("notifychannel", "ses:SendEmail"));
        for (String fn : List.of("advancephase", "pausestorerollout", "operate", "evaluategates", "ingestwebhook")) {
            assertFalse(policies.allowed(fn).contains("ses:SendEmail"), fn);
        }
    }

    /** The one "*" resource: GetMetricData has no resource-level permission (Service Authorization Reference; docs/sources.md). */
    @Test
    void cloudWatchMetrics_evaluateGatesReadsThem_theOneStarResource_andNoStarActionAnywhere() {
        assertEquals(List.of("*"), policies.resources("evaluategates", "cloudwatch:GetMetricData"));
        List<String> wildcards = policies.wildcards();
        assertEquals(1, wildcards.size(), wildcards.toString());
        assertTrue(wildcards.get(0).matches("evaluategates\\w* resource \\* for cloudwatch:GetMetricData"), wildcards.toString());
        for (String fn : List.of("advancephase", "pausestorerollout", "notifychannel", "operate", "ingestwebhook")) {
            assertFalse(policies.allowed(fn).contains("cloudwatch:GetMetricData"), fn);
        }
    }

    @Test
    void crashlytics_theAudienceAndServiceAccountReachIngestWebhookOnly() {
        stack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-ingest-webhook",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "RINGMASTER_WEBHOOK_CRASHLYTICS_AUDIENCE", "https://hooks.example.com/webhooks/crashlytics",
                        "RINGMASTER_WEBHOOK_CRASHLYTICS_EMAIL", "crashlytics-push@acme-prod.iam.gserviceaccount.com")))));
        stack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-operate",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("RINGMASTER_WEBHOOK_CRASHLYTICS_AUDIENCE", Match.absent())))));
    }

    @Test
    void targetSettings_reachEveryFunctionThatBuildsTheTargets_asReferences() {
        Map<String, Object> settings = Map.of("RINGMASTER_GOOGLE_PLAY_CREDENTIALS", "ssm:/ringmaster/google-play/key",
                "RINGMASTER_APP_STORE_CONNECT_KEY_ID", "2X9R4HXF34",
                "RINGMASTER_APP_STORE_CONNECT_ISSUER_ID", "57246542-96fe-1a63-e053-0824d011072a",
                "RINGMASTER_APP_STORE_CONNECT_PRIVATE_KEY", "secretsmanager:ringmaster/asc-key");
        for (String fn : List.of("evaluate-gates", "advance-phase", "pause-store-rollout", "operate")) {
            stack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-" + fn,
                    "Environment", Map.of("Variables", Match.objectLike(settings))));
        }
        for (String fn : List.of("notify-channel", "ingest-webhook")) {
            stack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-" + fn,
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("RINGMASTER_GOOGLE_PLAY_CREDENTIALS", Match.absent())))));
        }
    }

    @Test
    void webhookSecretsInSsm_noSecretsManagerSecret_ingestWebhookReadsTheParameters() {
        stack.resourceCountIs("AWS::SecretsManager::Secret", 0);
        stack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-ingest-webhook",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "RINGMASTER_WEBHOOK_SECRET_APPSTORE", "ssm:/ringmaster/webhook/appstore",
                        "RINGMASTER_WEBHOOK_SECRET_CANARY_DIFF", "ssm:/ringmaster/webhook/canary-diff")))));
    }

    @Test
    void noTickAlarmFalse_noAlarmTopicForSchedules_noAlarmPermissions_andEvaluateGatesPrintsNoTicksMetric() {
        for (String fn : List.of("evaluate-gates", "operate")) {
            stack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-" + fn, "Environment",
                    Map.of("Variables", Match.objectLike(Map.of("RINGMASTER_SCHEDULER_ALARM_TOPIC_ARN", Match.absent())))));
        }
        stack.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "ringmaster-evaluate-gates", "Environment",
                Map.of("Variables", Match.objectLike(Map.of("RINGMASTER_TICK_METRIC", "false")))));
        for (String fn : List.of("operate", "evaluategates")) {
            assertEquals(List.of(), policies.resources(fn, "cloudwatch:PutMetricAlarm"), fn);
            assertEquals(List.of(), policies.resources(fn, "cloudwatch:DeleteAlarms"), fn);
        }
    }

    @Test
    void aCredentialGivenAsItsValue_isRefusedWithoutShowingIt() {
        String key = "-----BEGIN PRIVATE KEY-----MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlanResources.from(Map.of("appStoreConnectPrivateKey", key)::get));
        assertEquals("context appStoreConnectPrivateKey: a reference the functions may read, ssm:/ringmaster/… or"
                + " secretsmanager:ringmaster/…, not the credential itself (the value given is not shown)", e.getMessage());
        assertFalse(e.getMessage().contains("MIGT"));
        assertThrows(IllegalArgumentException.class, () -> PlanResources.from(Map.of("googlePlayCredentials", "ssm:/other/key")::get),
                "outside /ringmaster/ the functions may not read it");
    }

    @Test
    void badContext_isRefusedNamingTheKeyAndTheValue() {
        Map<String, String> cases = Map.of(
                "flagBuckets", "context flagBuckets: 'Acme_Flags' is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)",
                "appConfigApplications", "context appConfigApplications: 'Acme_Flags' is not an AppConfig application ID (4-7 lowercase letters and digits)",
                "ecrRepositories", "context ecrRepositories: 'Acme_Flags' is not an ECR repository name or ARN",
                "sesIdentities", "context sesIdentities: 'Acme_Flags' is not an SES identity (a domain or an e-mail address)",
                "cloudWatchMetrics", "context cloudWatchMetrics: 'Acme_Flags' is not true or false",
                "webhookSecrets", "context webhookSecrets: 'Acme_Flags' is not secretsmanager or ssm",
                "noTickAlarm", "context noTickAlarm: 'Acme_Flags' is not true or false");
        cases.forEach((key, message) -> assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> PlanResources.from(Map.of(key, "Acme_Flags")::get)).getMessage(), key));
        assertEquals("context crashlyticsAudience and crashlyticsEmail go together: the push token is checked for both (crashlyticsEmail is missing)",
                assertThrows(IllegalArgumentException.class, () -> PlanResources.from(Map.of("crashlyticsAudience", "https://x")::get)).getMessage());
        assertEquals("context crashlyticsEmail: 'push' is not a service account's e-mail address", assertThrows(IllegalArgumentException.class,
                () -> PlanResources.from(Map.of("crashlyticsAudience", "https://x", "crashlyticsEmail", "push")::get)).getMessage());
        assertEquals(PlanResources.NONE, PlanResources.from(Map.<String, Object>of()::get), "no context: nothing granted");
    }
}
