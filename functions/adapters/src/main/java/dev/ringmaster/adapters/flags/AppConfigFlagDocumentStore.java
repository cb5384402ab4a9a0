package dev.ringmaster.adapters.flags;

import dev.ringmaster.core.port.RolloutTarget;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.appconfig.model.AppConfigException;
import software.amazon.awssdk.services.appconfig.model.ConflictException;
import software.amazon.awssdk.services.appconfig.model.CreateHostedConfigurationVersionRequest;
import software.amazon.awssdk.services.appconfig.model.DeploymentState;
import software.amazon.awssdk.services.appconfig.model.DeploymentSummary;
import software.amazon.awssdk.services.appconfig.model.GetConfigurationProfileResponse;
import software.amazon.awssdk.services.appconfig.model.HostedConfigurationVersionSummary;
import software.amazon.awssdk.services.appconfig.model.ListHostedConfigurationVersionsResponse;

/**
 * An AppConfig feature-flag profile (REFERENCE-targets §4) in one environment; {@code application},
 * {@code environment} and {@code profile} are AppConfig's IDs. The document is the latest hosted configuration
 * version; a change is written as a new version with {@code Latest-Version-Number} set to the version it was
 * made from (AppConfig's optimistic lock: ConflictException when another writer got there first, and the
 * change is made again on the newer version), then deployed with the configured strategy.
 *
 * <p>AppConfig runs one deployment at a time per environment. One in progress (DEPLOYING, BAKING, VALIDATING,
 * ROLLING_BACK, or StartDeployment's ConflictException) is waited for, never stopped or rolled back: the call
 * throws {@link RolloutTarget.Unavailable} and the chain tries again later. When the latest version already
 * holds the values and is live (the environment's newest COMPLETE deployment of this profile, or the
 * deployment in progress), nothing is written; when it holds them but is not live, only the deployment is
 * started. A version made by someone else and never deployed is the working copy a change builds on.
 */
final class AppConfigFlagDocumentStore implements FlagDocumentStore {
    static final String FEATURE_FLAGS = "AWS.AppConfig.FeatureFlags";
    private static final Set<DeploymentState> IN_PROGRESS =
            EnumSet.of(DeploymentState.DEPLOYING, DeploymentState.BAKING, DeploymentState.VALIDATING, DeploymentState.ROLLING_BACK);
    private final AppConfigClient client;
    private final String application;
    private final String environment;
    private final String profile;
    private final String strategy;

    AppConfigFlagDocumentStore(AppConfigClient client, String application, String environment, String profile, String strategy) {
        this.client = client;
        this.application = application;
        this.environment = environment;
        this.profile = profile;
        this.strategy = strategy;
    }

    /**
     * What a read saw: the latest hosted version (null: none yet), the deployment in progress in the
     * environment (null: none), and the version of this profile that is live there (null: none found).
     */
    record Version(Integer latest, DeploymentSummary running, String live, String profileName) {
        boolean runningOurs() {
            return running != null && profileName.equals(running.configurationName());
        }
    }

    @Override
    public Snapshot read() {
        GetConfigurationProfileResponse p = call("GetConfigurationProfile",
                () -> client.getConfigurationProfile(r -> r.applicationId(application).configurationProfileId(profile)));
        if (!FEATURE_FLAGS.equals(p.type())) {
            throw new RolloutTarget.Refused(describe() + ": profile " + profile + " (" + p.name() + ") is of type " + p.type()
                    + ", not " + FEATURE_FLAGS + ": flags need a feature-flag profile");
        }
        List<DeploymentSummary> deployments = call("ListDeployments",
                () -> client.listDeployments(r -> r.applicationId(application).environmentId(environment).maxResults(50))).items();
        DeploymentSummary running = deployments.stream().filter(d -> IN_PROGRESS.contains(d.state())).findFirst().orElse(null);
        String live = deployments.stream().filter(d -> p.name().equals(d.configurationName()) && d.state() == DeploymentState.COMPLETE)
                .map(DeploymentSummary::configurationVersion).findFirst().orElse(null);
        Integer latest = latest();
        byte[] content = latest == null ? null : call("GetHostedConfigurationVersion", () -> client.getHostedConfigurationVersion(r -> r
                .applicationId(application).configurationProfileId(profile).versionNumber(latest))).content().asByteArray();
        Version v = new Version(latest, running, live, p.name());
        return new Snapshot(AppConfigFlagDocument.parse(content, describe() + " version " + latest), v, note(v));
    }

    @Override
    public boolean write(Snapshot read) {
        Version v = (Version) read.version();
        if (v.running() != null) {
            throw busy(v.running());
        }
        CreateHostedConfigurationVersionRequest.Builder create = CreateHostedConfigurationVersionRequest.builder()
                .applicationId(application).configurationProfileId(profile).contentType("application/json")
                .description("ringmaster flag update").content(SdkBytes.fromByteArray(read.document().bytes()));
        if (v.latest() != null) {
            create.latestVersionNumber(v.latest());
        }
        // ConflictException: a version newer than the one this change was made on exists; null tells update() to redo it.
        Integer created = call("CreateHostedConfigurationVersion", () -> {
            try {
                return client.createHostedConfigurationVersion(create.build()).versionNumber();
            } catch (ConflictException e) {
                return null;
            }
        });
        if (created == null) {
            return false;
        }
        deploy(created);
        return true;
    }

    @Override
    public void unchanged(Snapshot read) {
        Version v = (Version) read.version();
        String latest = v.latest() == null ? null : String.valueOf(v.latest());
        if (latest == null || latest.equals(v.live()) || v.runningOurs() && latest.equals(v.running().configurationVersion())) {
            return;
        }
        if (v.running() != null) {
            throw busy(v.running());
        }
        deploy(v.latest());
    }

    @Override
    public String describe() {
        return "AppConfig " + application + "/" + environment + "/" + profile;
    }

    private void deploy(int version) {
        String busy = call("StartDeployment", () -> {
            try {
                client.startDeployment(r -> r.applicationId(application).environmentId(environment)
                        .configurationProfileId(profile).configurationVersion(String.valueOf(version))
                        .deploymentStrategyId(strategy).description("ringmaster flag update"));
                return null;
            } catch (ConflictException e) {
                return message(e);
            }
        });
        if (busy != null) {
            throw new RolloutTarget.Unavailable("a deployment is in progress in " + environment + " (AppConfig: " + busy
                    + "); version " + version + " is deployed when it is tried again after it");
        }
    }

    private RolloutTarget.Unavailable busy(DeploymentSummary d) {
        return new RolloutTarget.Unavailable("deployment " + d.deploymentNumber() + " (" + d.configurationName() + " version "
                + d.configurationVersion() + ", " + d.stateAsString() + ") in progress in " + environment + "; tried again after it");
    }

    /** AppConfig lists versions newest first (UNVERIFIED in its reference): a page that ascends is followed to its end. */
    private Integer latest() {
        Integer latest = null;
        String next = null;
        do {
            String token = next;
            ListHostedConfigurationVersionsResponse page = call("ListHostedConfigurationVersions", () -> client.listHostedConfigurationVersions(r -> r
                    .applicationId(application).configurationProfileId(profile).maxResults(50).nextToken(token)));
            List<HostedConfigurationVersionSummary> items = page.items();
            for (HostedConfigurationVersionSummary item : items) {
                latest = latest == null ? item.versionNumber() : Math.max(latest, item.versionNumber());
            }
            boolean ascending = items.size() > 1 && items.get(0).versionNumber() < items.get(items.size() - 1).versionNumber();
            next = ascending ? page.nextToken() : null;
        } while (next != null);
        return latest;
    }

    private String note(Version v) {
        String version = v.latest() == null ? "no hosted version yet" : "version " + v.latest()
                + (String.valueOf(v.latest()).equals(v.live()) ? " live in " + environment : " not live in " + environment
                + (v.live() == null ? "" : " (live: version " + v.live() + ")"));
        return "AppConfig " + version + (v.running() == null ? "" : "; deployment " + v.running().deploymentNumber() + " "
                + v.running().stateAsString() + " in " + environment);
    }

    /** Throttling, 5xx and an unreachable AppConfig are Unavailable; every other error is Refused with AppConfig's reason. */
    private <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (AppConfigException e) {
            String text = describe() + ": " + operation + " " + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + " ")
                    + "(HTTP " + e.statusCode() + "): " + message(e);
            if (e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException()) {
                throw new RolloutTarget.Unavailable(text);
            }
            throw new RolloutTarget.Refused(text);
        } catch (SdkClientException e) {
            throw new RolloutTarget.Unavailable(describe() + ": " + operation + " did not reach AppConfig: " + e.getMessage());
        }
    }

    private static String message(AppConfigException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }
}
