package dev.ringmaster.adapters.live;

import dev.ringmaster.adapters.appstore.AppReviewTarget;
import dev.ringmaster.adapters.appstore.AppStoreConnect;
import dev.ringmaster.adapters.appstore.AppStoreConnectKey;
import dev.ringmaster.adapters.appstore.AppStorePhasedReleaseTarget;
import dev.ringmaster.adapters.appstore.TestFlightTarget;
import dev.ringmaster.adapters.flags.FlagDocuments;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.manual.ManualTarget;
import dev.ringmaster.adapters.play.GooglePlayTarget;
import dev.ringmaster.adapters.play.PlayCredentials;
import dev.ringmaster.adapters.registry.ContainerRings;
import dev.ringmaster.adapters.registry.EcrRingTarget;
import dev.ringmaster.adapters.registry.OciRegistryTarget;
import dev.ringmaster.adapters.registry.Rings;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.RolloutTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The real target adapters a deployment has, built from its settings (docs/targets.md): Google Play when a
 * service-account key is configured, App Store Connect (phased release, TestFlight, App Review) when an API key is,
 * and always the container rings (OCI or ECR), the flag documents (file, S3, AppConfig) and the manual target.
 * Used alike by the Lambdas, {@code ringmaster run --targets live} and {@code simulate --targets live}.
 */
public final class LiveTargets {
    public static final String PLAY_CREDENTIALS = "ringmaster.google-play.credentials";
    public static final String PLAY_ENDPOINT = "ringmaster.google-play.endpoint";
    public static final String ASC_KEY_ID = "ringmaster.app-store-connect.key-id";
    public static final String ASC_ISSUER_ID = "ringmaster.app-store-connect.issuer-id";
    public static final String ASC_PRIVATE_KEY = "ringmaster.app-store-connect.private-key";
    public static final String ASC_ENDPOINT = "ringmaster.app-store-connect.endpoint";
    public static final String REGISTRY_AUTHS = "ringmaster.registry.auths";
    public static final String AWS_REGION = "ringmaster.aws.region";
    public static final String AWS_ENDPOINT = "ringmaster.aws.endpoint";
    public static final String APPCONFIG_STRATEGY = "ringmaster.appconfig.strategy";
    static final URI PLAY_DEFAULT = URI.create("https://androidpublisher.googleapis.com");

    private final Map<TargetType, RolloutTarget> targets;
    private final FlagDocuments flags;
    private final Rings rings;

    private LiveTargets(Map<TargetType, RolloutTarget> targets, FlagDocuments flags, Rings rings) {
        this.targets = Map.copyOf(targets);
        this.flags = flags;
        this.rings = rings;
    }

    /**
     * @param setting a setting by its dotted name ({@code ringmaster.google-play.endpoint}); the Lambdas and the CLI
     *                read Quarkus configuration, where {@code RINGMASTER_GOOGLE_PLAY_ENDPOINT} sets the same key
     * @param env     the process environment (GOOGLE_APPLICATION_CREDENTIALS, AWS_REGION, RINGMASTER_AWS_ENDPOINT)
     */
    public static LiveTargets from(Function<String, Optional<String>> setting, Map<String, String> env) {
        Clock wall = Clock.systemUTC();
        HttpClient client = Http.client();
        Http.Policy policy = Http.Policy.DEFAULT;
        AwsAccess aws = AwsAccess.of(setting, env);
        Secrets secrets = AwsAccess.secrets(aws, env, wall);
        Map<TargetType, RolloutTarget> byType = new EnumMap<>(TargetType.class);
        Optional<String> playKey = setting.apply(PLAY_CREDENTIALS);
        if (playKey.isPresent() || env.containsKey("GOOGLE_APPLICATION_CREDENTIALS")) {
            URI endpoint = setting.apply(PLAY_ENDPOINT).map(URI::create).orElse(PLAY_DEFAULT);
            byType.put(TargetType.GOOGLE_PLAY, new GooglePlayTarget(endpoint, PlayCredentials.fromReference(playKey.orElse(null), secrets, env),
                    client, policy));
        }
        Optional<String> keyId = setting.apply(ASC_KEY_ID);
        if (keyId.isPresent()) {
            AppStoreConnectKey key = new AppStoreConnectKey(required(setting, ASC_ISSUER_ID), keyId.get(), required(setting, ASC_PRIVATE_KEY));
            AppStoreConnect api = new AppStoreConnect(setting.apply(ASC_ENDPOINT).map(URI::create).orElse(AppStoreConnect.DEFAULT_ENDPOINT),
                    client, policy, key, secrets, wall);
            byType.put(TargetType.APP_STORE, new AppStorePhasedReleaseTarget(api, wall));
            byType.put(TargetType.TESTFLIGHT, new TestFlightTarget(api));
            byType.put(TargetType.APP_REVIEW, new AppReviewTarget(api));
        }
        OciRegistryTarget oci = new OciRegistryTarget(client, policy, new RegistryLogins(setting.apply(REGISTRY_AUTHS), secrets), wall);
        Map<String, EcrClient> ecrByRegion = new java.util.concurrent.ConcurrentHashMap<>();
        EcrRingTarget ecr = new EcrRingTarget(region -> {
            if (aws == null) {
                throw new RolloutTarget.Refused("an Amazon ECR registry needs an AWS region: set " + AWS_REGION + " or AWS_REGION");
            }
            return ecrByRegion.computeIfAbsent(region, aws::ecr);
        });
        byType.put(TargetType.CONTAINER_RING, new ContainerRings(oci, ecr));
        FlagDocuments flags = new FlagDocuments(aws == null ? null : aws.s3(), aws == null ? null : aws.appConfig(),
                setting.apply(APPCONFIG_STRATEGY).orElse(FlagDocuments.DEFAULT_STRATEGY), FlagDocuments.DEFAULT_ATTEMPTS);
        byType.put(TargetType.FEATURE_FLAG, flags);
        byType.put(TargetType.MANUAL, new ManualTarget());
        return new LiveTargets(byType, flags, new Rings(oci, ecr));
    }

    public Map<TargetType, RolloutTarget> targets() {
        return targets;
    }

    public FlagWriter flags() {
        return flags;
    }

    /** The ring tags of a repository, for {@code ringmaster rings}. */
    public Rings rings() {
        return rings;
    }

    private static String required(Function<String, Optional<String>> setting, String key) {
        return setting.apply(key).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException(key + " is needed with " + ASC_KEY_ID + " (docs/targets.md)"));
    }
}
