package dev.ringmaster.adapters.flags;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.ringmaster.adapters.flags.Flags.cohort;
import static dev.ringmaster.adapters.flags.Flags.map;
import static dev.ringmaster.adapters.flags.Flags.percent;
import static dev.ringmaster.adapters.flags.Flags.store;
import static dev.ringmaster.adapters.flags.Flags.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfig.AppConfigClient;

/** AppConfig feature flags (REFERENCE-targets §4) against WireMock serving AppConfig's REST-JSON responses and errors. */
class AppConfigFlagStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "/applications/abc1234";
    private static final String PROFILE = APP + "/configurationprofiles/prf9012";
    private static final String VERSIONS = PROFILE + "/hostedconfigurationversions";
    private static final String DEPLOYMENTS = APP + "/environments/env5678/deployments";
    private static final FlagStore STORE = store("appconfig", "application", "abc1234", "environment", "env5678", "profile", "prf9012");
    private static final String CHECKOUT = """
            {"version":"1","flags":{"checkout":{"name":"Checkout","attributes":{"pct":{"constraints":{"type":"number","minimum":0,"maximum":100}}}}},
             "values":{"checkout":{"enabled":true,"pct":10}}}""";

    private final WireMockServer aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final AppConfigClient client;
    private final FlagDocuments flags;

    AppConfigFlagStoreTest() {
        aws.start();
        client = AppConfigClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + aws.port())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        flags = new FlagDocuments(null, client);
    }

    @AfterEach
    void stop() {
        client.close();
        aws.stop();
    }

    private static Target canary() {
        return target("canary", "provider", "appconfig", "application", "abc1234", "environment", "env5678", "profile", "prf9012");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder conflict(String message) {
        return json(409, "{\"Message\":\"" + message + "\"}").withHeader("x-amzn-ErrorType", "ConflictException");
    }

    private static ResponseDefinitionBuilder version(int number, String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withHeader("Application-Id", "abc1234")
                .withHeader("Configuration-Profile-Id", "prf9012").withHeader("Version-Number", String.valueOf(number)).withBody(content);
    }

    private static String versionList(int number) {
        return "{\"Items\":[{\"ApplicationId\":\"abc1234\",\"ConfigurationProfileId\":\"prf9012\",\"VersionNumber\":" + number
                + ",\"ContentType\":\"application/json\"}]}";
    }

    private static String deployment(int number, String version, String state) {
        return "{\"DeploymentNumber\":" + number + ",\"ConfigurationName\":\"flags\",\"ConfigurationVersion\":\"" + version
                + "\",\"DeploymentDurationInMinutes\":0,\"GrowthType\":\"LINEAR\",\"GrowthFactor\":100.0,\"FinalBakeTimeInMinutes\":10,"
                + "\"State\":\"" + state + "\",\"PercentageComplete\":100.0,\"StartedAt\":\"2026-05-01T09:00:00.000Z\"}";
    }

    /** A feature-flag profile whose latest version is {@code latest} (holding {@code content}), with these deployments. */
    private void world(String type, int latest, String content, String... deployments) {
        aws.stubFor(get(PROFILE).willReturn(json(200, "{\"ApplicationId\":\"abc1234\",\"Id\":\"prf9012\",\"Name\":\"flags\","
                + "\"LocationUri\":\"hosted\",\"Type\":\"" + type + "\"}")));
        aws.stubFor(get(urlPathEqualTo(DEPLOYMENTS)).willReturn(json(200, "{\"Items\":[" + String.join(",", deployments) + "]}")));
        aws.stubFor(get(urlPathEqualTo(VERSIONS)).willReturn(json(200, versionList(latest))));
        aws.stubFor(get(VERSIONS + "/" + latest).willReturn(version(latest, content)));
    }

    private void creates(int number) {
        aws.stubFor(post(VERSIONS).willReturn(version(number, "").withStatus(201)));
        aws.stubFor(post(DEPLOYMENTS).willReturn(json(201, "{\"ApplicationId\":\"abc1234\",\"EnvironmentId\":\"env5678\","
                + "\"DeploymentStrategyId\":\"AppConfig.AllAtOnce\",\"ConfigurationProfileId\":\"prf9012\",\"DeploymentNumber\":5,"
                + "\"ConfigurationName\":\"flags\",\"ConfigurationLocationUri\":\"hosted\",\"ConfigurationVersion\":\"" + number + "\","
                + "\"DeploymentDurationInMinutes\":0,\"GrowthType\":\"LINEAR\",\"GrowthFactor\":100.0,\"FinalBakeTimeInMinutes\":10,"
                + "\"State\":\"DEPLOYING\",\"EventLog\":[],\"PercentageComplete\":0.0,\"StartedAt\":\"2026-05-01T10:00:00.000Z\"}")));
    }

    /** The requests AppConfig received, oldest first, as "METHOD PATH". */
    private List<String> requests() {
        List<String> out = new ArrayList<>();
        for (ServeEvent e : aws.getAllServeEvents()) {
            out.add(0, e.getRequest().getMethod() + " " + e.getRequest().getUrl().replaceAll("\\?.*", ""));
        }
        return out;
    }

    private JsonNode body(String path, int index) throws Exception {
        return JSON.readTree(aws.findAll(postRequestedFor(urlPathEqualTo(path))).get(index).getBodyAsString());
    }

    @Test
    void enteringACohortPhase_writesANewVersionLockedOnTheLatest_thenDeploysIt() throws Exception {
        world("AWS.AppConfig.FeatureFlags", 2, CHECKOUT, deployment(3, "2", "COMPLETE"));
        creates(3);

        TargetState state = flags.enter(canary(), cohort("beta", 25.0), "2.1.0");

        assertEquals(List.of("GET " + PROFILE, "GET " + DEPLOYMENTS, "GET " + VERSIONS, "GET " + VERSIONS + "/2",
                "POST " + VERSIONS, "POST " + DEPLOYMENTS), requests());
        aws.verify(postRequestedFor(urlPathEqualTo(VERSIONS)).withHeader("Latest-Version-Number", equalTo("2"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertEquals(JSON.readTree("""
                {"version":"1",
                 "flags":{"checkout":{"name":"Checkout","attributes":{"pct":{"constraints":{"type":"number","minimum":0,"maximum":100}}}},
                          "canary":{"name":"canary","attributes":{"version":{"constraints":{"type":"string"}}}},
                          "canary__cohorts__beta":{"name":"canary.cohorts.beta",
                             "attributes":{"pct":{"constraints":{"type":"number","minimum":0,"maximum":100}}}}},
                 "values":{"checkout":{"enabled":true,"pct":10},
                           "canary":{"enabled":true,"version":"2.1.0"},
                           "canary__cohorts__beta":{"enabled":true,"pct":25}}}"""), body(VERSIONS, 0));
        JsonNode deploy = body(DEPLOYMENTS, 0);
        assertEquals("prf9012", deploy.path("ConfigurationProfileId").asText());
        assertEquals("3", deploy.path("ConfigurationVersion").asText());
        assertEquals("AppConfig.AllAtOnce", deploy.path("DeploymentStrategyId").asText());
        assertEquals(new TargetState("enabled", Double.NaN, "cohorts enabled: beta 25%"), state);
    }

    @Test
    void aStaleLatestVersion_isAConflict_soTheChangeIsMadeAgainOnTheNewerVersion() throws Exception {
        world("AWS.AppConfig.FeatureFlags", 2, CHECKOUT, deployment(3, "2", "COMPLETE"));
        aws.stubFor(get(urlPathEqualTo(VERSIONS)).inScenario("race").whenScenarioStateIs("other writer won").willReturn(json(200, versionList(3))));
        aws.stubFor(get(VERSIONS + "/3").willReturn(version(3, "{\"version\":\"1\",\"flags\":{\"other\":{\"name\":\"other\"}},"
                + "\"values\":{\"other\":{\"enabled\":true}}}")));
        creates(4);
        aws.stubFor(post(VERSIONS).withHeader("Latest-Version-Number", equalTo("2")).inScenario("race").whenScenarioStateIs(STARTED)
                .willSetStateTo("other writer won")
                .willReturn(conflict("The configuration profile was updated. The latest version number is 3.")));

        flags.write(STORE, map("system.canary.enabled", false));

        assertEquals(List.of("GET " + PROFILE, "GET " + DEPLOYMENTS, "GET " + VERSIONS, "GET " + VERSIONS + "/2", "POST " + VERSIONS,
                "GET " + PROFILE, "GET " + DEPLOYMENTS, "GET " + VERSIONS, "GET " + VERSIONS + "/3", "POST " + VERSIONS,
                "POST " + DEPLOYMENTS), requests());
        LoggedRequest second = aws.findAll(postRequestedFor(urlPathEqualTo(VERSIONS))).get(1);
        assertEquals("3", second.getHeader("Latest-Version-Number"));
        assertEquals(JSON.readTree("{\"version\":\"1\",\"flags\":{\"other\":{\"name\":\"other\"},\"system__canary\":{\"name\":\"system.canary\"}},"
                + "\"values\":{\"other\":{\"enabled\":true},\"system__canary\":{\"enabled\":false}}}"), body(VERSIONS, 1));
        assertEquals("4", body(DEPLOYMENTS, 0).path("ConfigurationVersion").asText());
    }

    @Test
    void aDeploymentInProgress_isWaitedFor_notStopped_andNothingIsWritten() {
        world("AWS.AppConfig.FeatureFlags", 2, CHECKOUT, deployment(4, "7", "BAKING"), deployment(3, "2", "COMPLETE"));

        RolloutTarget.Unavailable e = assertThrows(RolloutTarget.Unavailable.class, () -> flags.write(STORE, map("system.canary.enabled", false)));

        assertEquals("deployment 4 (flags version 7, BAKING) in progress in env5678; tried again after it", e.getMessage());
        aws.verify(0, postRequestedFor(anyUrl()));
        aws.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void startDeploymentConflict_isWaitedFor_andTheVersionIsDeployedWhenTriedAgain() {
        world("AWS.AppConfig.FeatureFlags", 2, CHECKOUT, deployment(3, "2", "COMPLETE"));
        creates(3);
        aws.stubFor(post(DEPLOYMENTS).willReturn(conflict("Deployment number 6 already exists for environment env5678.")));

        RolloutTarget.Unavailable e = assertThrows(RolloutTarget.Unavailable.class, () -> flags.write(STORE, map("system.canary.enabled", false)));

        assertEquals("a deployment is in progress in env5678 (AppConfig: Deployment number 6 already exists for environment env5678.);"
                + " version 3 is deployed when it is tried again after it", e.getMessage());
        aws.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void valuesAlreadyLive_writeNothing() {
        world("AWS.AppConfig.FeatureFlags", 3, "{\"version\":\"1\",\"flags\":{\"system__canary\":{\"name\":\"system.canary\"}},"
                + "\"values\":{\"system__canary\":{\"enabled\":false}}}", deployment(4, "3", "COMPLETE"));

        flags.write(STORE, map("system.canary.enabled", false));

        aws.verify(0, postRequestedFor(anyUrl()));
        aws.verify(4, anyRequestedFor(anyUrl()));
    }

    @Test
    void valuesHostedButNotLive_areDeployedWithoutANewVersion() throws Exception {
        world("AWS.AppConfig.FeatureFlags", 3, "{\"version\":\"1\",\"flags\":{\"system__canary\":{\"name\":\"system.canary\"}},"
                + "\"values\":{\"system__canary\":{\"enabled\":false}}}", deployment(4, "2", "COMPLETE"));
        creates(3);

        flags.write(STORE, map("system.canary.enabled", false));

        aws.verify(0, postRequestedFor(urlPathEqualTo(VERSIONS)));
        assertEquals("3", body(DEPLOYMENTS, 0).path("ConfigurationVersion").asText());
    }

    @Test
    void seed004_killSwitchOff_andPerCohortFlags_becomeAppConfigFlagsNamedAfterTheirDottedNames() throws Exception {
        world("AWS.AppConfig.FeatureFlags", 2, CHECKOUT, deployment(3, "2", "COMPLETE"));
        creates(3);

        flags.write(STORE, map("system.canary.enabled", false, "canary.cohort.friendly_gp.enabled", true, "audiences.phase-2.new_features", 50.0));

        JsonNode written = body(VERSIONS, 0);
        assertEquals(JSON.readTree("{\"checkout\":{\"enabled\":true,\"pct\":10},\"system__canary\":{\"enabled\":false},"
                + "\"canary__cohort__friendly_gp\":{\"enabled\":true},\"audiences__phase-2__new_features\":{\"enabled\":true,\"pct\":50}}"),
                written.path("values"));
        assertEquals("canary.cohort.friendly_gp", written.at("/flags/canary__cohort__friendly_gp/name").asText());
        assertEquals(100, written.at("/flags/audiences__phase-2__new_features/attributes/pct/constraints/maximum").asInt());
    }

    @Test
    void observe_readsTheLatestVersion_andSaysWhetherItIsLive() {
        world("AWS.AppConfig.FeatureFlags", 3, "{\"version\":\"1\",\"flags\":{},\"values\":{\"canary\":{\"enabled\":true,\"pct\":20},"
                + "\"canary__cohorts__beta\":{\"enabled\":true,\"pct\":25},\"canary__cohorts__ga\":{\"enabled\":false}}}",
                deployment(4, "2", "COMPLETE"));

        TargetState state = flags.observe(canary(), "2.1.0");

        assertEquals(new TargetState("enabled", 20, "cohorts enabled: beta 25%; AppConfig version 3 not live in env5678 (live: version 2)"), state);
        aws.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aFlagNameAppConfigCannotHold_isRefusedNamingTheFlagAndTheKey_beforeAnythingIsWritten() {
        world("AWS.AppConfig.FeatureFlags", 2, CHECKOUT, deployment(3, "2", "COMPLETE"));

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> flags.write(STORE, map("System.canary.enabled", false)));

        assertEquals("flag 'System.canary.enabled' cannot be an AppConfig flag: its key 'System__canary' does not match AppConfig's"
                + " ^[a-z][a-zA-Z\\d_-]{0,63}$ (a lower-case letter first, then letters, digits, _ or -, 64 at most)", e.getMessage());
        aws.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aProfileThatIsNotFeatureFlags_isRefused() {
        world("AWS.Freeform", 2, "{}", deployment(3, "2", "COMPLETE"));

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> flags.write(STORE, map("system.canary.enabled", false)));

        assertEquals("AppConfig abc1234/env5678/prf9012: profile prf9012 (flags) is of type AWS.Freeform, not AWS.AppConfig.FeatureFlags:"
                + " flags need a feature-flag profile", e.getMessage());
    }

    @Test
    void aBadDocument_isRefusedWithAppConfigsReason() {
        world("AWS.AppConfig.FeatureFlags", 2, CHECKOUT, deployment(3, "2", "COMPLETE"));
        aws.stubFor(post(VERSIONS).willReturn(json(400, "{\"Message\":\"Error invoking validator: flags.canary: attributes exceed 25\","
                + "\"Reason\":\"InvalidConfiguration\"}").withHeader("x-amzn-ErrorType", "BadRequestException")));

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> flags.write(STORE, map("system.canary.enabled", false)));

        assertEquals("AppConfig abc1234/env5678/prf9012: CreateHostedConfigurationVersion BadRequestException (HTTP 400):"
                + " Error invoking validator: flags.canary: attributes exceed 25", e.getMessage());
    }

    @Test
    void percentPhases_setTheFlagsPct() throws Exception {
        world("AWS.AppConfig.FeatureFlags", 2, CHECKOUT, deployment(3, "2", "COMPLETE"));
        creates(3);

        TargetState state = flags.enter(canary(), percent(10), "2.1.0");

        assertEquals(JSON.readTree("{\"enabled\":true,\"version\":\"2.1.0\",\"pct\":10}"), body(VERSIONS, 0).at("/values/canary"));
        assertEquals(new TargetState("enabled", 10, "no cohort enabled"), state);
    }
}
