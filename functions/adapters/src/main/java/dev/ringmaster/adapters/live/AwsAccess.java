package dev.ringmaster.adapters.live;

import dev.ringmaster.adapters.aws.AwsClients;
import dev.ringmaster.adapters.secrets.AwsSecrets;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.adapters.secrets.Secrets;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS SDK clients the live adapters use, all configured alike (region, {@code RINGMASTER_AWS_ENDPOINT}, the
 * URL-connection HTTP client, the default credentials); none when no region is known (a laptop with file: flags only).
 */
record AwsAccess(Region region, Optional<URI> endpoint, SdkHttpClient http, AwsCredentialsProvider credentials) {

    static AwsAccess of(Function<String, Optional<String>> setting, Map<String, String> env) {
        Optional<String> region = setting.apply(LiveTargets.AWS_REGION).or(() -> Optional.ofNullable(env.get("AWS_REGION")));
        if (region.filter(r -> !r.isBlank()).isEmpty()) {
            return null;
        }
        return new AwsAccess(AwsClients.region(region, env), AwsClients.endpoint(setting.apply(LiveTargets.AWS_ENDPOINT), env),
                AwsClients.http(), DefaultCredentialsProvider.builder().build());
    }

    /** A CloudWatch client in {@code region} (a plan's spec.sources.cloudwatch), whatever the deployment's own region. */
    static CloudWatchClient cloudWatch(Function<String, Optional<String>> setting, Map<String, String> env, String region) {
        return AwsClients.configure(CloudWatchClient.builder(), Region.of(region), AwsClients.endpoint(setting.apply(LiveTargets.AWS_ENDPOINT), env),
                AwsClients.http(), DefaultCredentialsProvider.builder().build()).build();
    }

    /** Credential references: env: and file: always, ssm:/ and secretsmanager: when AWS is reachable. */
    static Secrets secrets(AwsAccess aws, Map<String, String> env, Clock clock) {
        return new LocalSecrets(env, aws == null ? null : new AwsSecrets(aws.ssm(), aws.secretsManager(), clock));
    }

    S3Client s3() {
        // path-style: a stand-in endpoint has no per-bucket host names
        return AwsClients.configure(S3Client.builder(), region, endpoint, http, credentials).forcePathStyle(endpoint.isPresent()).build();
    }

    AppConfigClient appConfig() {
        return AwsClients.configure(AppConfigClient.builder(), region, endpoint, http, credentials).build();
    }

    EcrClient ecr(String registryRegion) {
        return AwsClients.configure(EcrClient.builder(), Region.of(registryRegion), endpoint, http, credentials).build();
    }

    SesV2Client ses() {
        return AwsClients.configure(SesV2Client.builder(), region, endpoint, http, credentials).build();
    }

    SsmClient ssm() {
        return AwsClients.configure(SsmClient.builder(), region, endpoint, http, credentials).build();
    }

    SecretsManagerClient secretsManager() {
        return AwsClients.configure(SecretsManagerClient.builder(), region, endpoint, http, credentials).build();
    }
}
