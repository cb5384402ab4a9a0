package dev.ringmaster.cli;

import dev.ringmaster.adapters.aws.AwsClients;
import dev.ringmaster.adapters.live.LiveTargets;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code --aws}: the deployed ringmaster instead of the local runner, reached the way the functions reach AWS
 * (one region, {@code RINGMASTER_AWS_ENDPOINT} for a stand-in, the default credentials).
 */
final class AwsOptions {

    @Option(names = "--aws", description = "act on the deployed ringmaster (its operate function and table) instead of the local runner")
    boolean deployed;

    @Option(names = "--region", paramLabel = "R", description = "with --aws: the deployment's AWS region (default: the SDK's, from AWS_REGION or the profile)")
    String region;

    /** The deployment's region: --region, else the SDK's default chain; none is a failure that says where to set one. */
    Region region() {
        if (region != null && !region.isBlank()) {
            return Region.of(region.strip());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw new Failure("no AWS region for --aws: pass --region, or set AWS_REGION or a region in your AWS profile");
        }
    }

    /** Where the SDK clients go: ringmaster.aws.endpoint or RINGMASTER_AWS_ENDPOINT (a stand-in), else AWS. */
    Optional<URI> endpoint() {
        try {
            return AwsClients.endpoint(setting(LiveTargets.AWS_ENDPOINT), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage() + " (" + AwsClients.ENDPOINT_ENV + ")");
        }
    }

    /** A setting the functions read too: a system property, else its environment variable (ringmaster.table ⇄ RINGMASTER_TABLE). */
    static Optional<String> setting(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }

    /** An HTTP client that waits {@code answer} for a response: an invocation answers when the function returns. */
    static SdkHttpClient http(Duration answer) {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).socketTimeout(answer).build();
    }

    <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, SdkHttpClient http) {
        return AwsClients.configure(builder, region(), endpoint(), http, DefaultCredentialsProvider.builder().build());
    }

    /** Where a call went, for a message: the endpoint override, else the region. */
    String where() {
        return endpoint().map(URI::toString).orElseGet(() -> region().id());
    }

    /**
     * The SDK's failure in words an operator can act on: what was refused or not reached, and what to do.
     *
     * @param what   "invoke the function ringmaster-operate", "read the table ringmaster"
     * @param notFound what to do when the resource does not exist
     * @param allow  the IAM action the caller needs
     */
    Failure explain(SdkException e, String what, String notFound, String allow) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null || s.awsErrorDetails().errorCode() == null ? "" : s.awsErrorDetails().errorCode();
            if (code.equals("ResourceNotFoundException") || s.statusCode() == 404) {
                return new Failure("cannot " + what + " in " + where() + ": " + AwsClients.reason(e) + ". " + notFound);
            }
            if (s.statusCode() == 403 || code.startsWith("AccessDenied") || code.equals("UnrecognizedClientException")
                    || code.equals("ExpiredTokenException")) {
                return new Failure("cannot " + what + ": " + AwsClients.reason(e) + ". Use AWS credentials allowed " + allow
                        + " on it (AWS_PROFILE, aws sso login).");
            }
            return new Failure("cannot " + what + ": " + AwsClients.reason(e));
        }
        return new Failure("cannot " + what + " (" + where() + "): " + e.getMessage()
                + ". Check the network, --region, " + AwsClients.ENDPOINT_ENV + " and your AWS credentials.");
    }

    /** The deployment could not be asked: exit 2 with the message, never a stack trace. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
