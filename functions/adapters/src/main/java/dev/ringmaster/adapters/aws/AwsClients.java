package dev.ringmaster.adapters.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The one way this project builds an AWS SDK client (EventBridge, Scheduler, S3, ECR, AppConfig, SSM, Secrets
 * Manager): one region, one endpoint override for every service ({@code RINGMASTER_AWS_ENDPOINT}, a stand-in or
 * LocalStack), the lean URL-connection HTTP client shared by all of them, and the caller's credentials.
 */
public final class AwsClients {
    /** Points every AWS SDK client at a stand-in (CONTRACTS.md §6); a service's own setting wins over it. */
    public static final String ENDPOINT_ENV = "RINGMASTER_AWS_ENDPOINT";

    private AwsClients() {
    }

    /** The configured region, else the Lambda's {@code AWS_REGION}; none at all is a configuration error naming both. */
    public static Region region(Optional<String> configured, Map<String, String> env) {
        return nonBlank(configured).or(() -> nonBlank(Optional.ofNullable(env.get("AWS_REGION"))))
                .map(Region::of)
                .orElseThrow(() -> new IllegalStateException("no AWS region: set ringmaster.aws.region or AWS_REGION"));
    }

    /** The service's own endpoint setting, else {@value #ENDPOINT_ENV}, else none (the SDK's regional endpoint). */
    public static Optional<URI> endpoint(Optional<String> configured, Map<String, String> env) {
        Optional<String> text = nonBlank(configured).or(() -> nonBlank(Optional.ofNullable(env.get(ENDPOINT_ENV))));
        return text.map(t -> {
            URI uri = URI.create(t.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("AWS endpoint override '" + t + "' is not an absolute http(s) URL");
            }
            return uri;
        });
    }

    /** One HTTP client for every SDK client of a function; short timeouts, because the SDK retries. */
    public static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Sets region, endpoint, HTTP client and credentials on an SDK client builder; the SDK's standard retries
     * (throttling, 5xx, I/O errors, three attempts) stay. The HTTP client stays the caller's to close.
     */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Region region,
            Optional<URI> endpoint, SdkHttpClient http, AwsCredentialsProvider credentials) {
        builder.region(region).httpClient(http).credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * What went wrong, for an error message: "HTTP 400 ResourceNotFoundException: Event bus x does not exist." for
     * a service's answer (the SDK's own message leaves out the error code), the SDK's text when no answer came.
     */
    public static String reason(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            AwsErrorDetails d = s.awsErrorDetails();
            String message = d.errorMessage();
            return "HTTP " + s.statusCode() + (d.errorCode() == null ? "" : " " + d.errorCode())
                    + (message == null || message.isBlank() ? "" : ": " + message);
        }
        return e.getMessage();
    }

    private static Optional<String> nonBlank(Optional<String> s) {
        return s.filter(v -> !v.isBlank());
    }
}
