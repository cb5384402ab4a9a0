package dev.ringmaster.adapters.aws;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * A WireMock server on loopback standing in for AWS, and SDK clients built the way the functions build them
 * (through {@link AwsClients}, the endpoint given as RINGMASTER_AWS_ENDPOINT), except that retries do not wait.
 */
public final class WireMockAws implements AutoCloseable {
    public final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final SdkHttpClient http = AwsClients.http();

    public WireMockAws() {
        server.start();
    }

    /** {@code builder} configured for this stand-in, in eu-west-1, signing as AKIDEXAMPLE, three attempts without backoff. */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B client(B builder) {
        Optional<URI> endpoint = AwsClients.endpoint(Optional.empty(), Map.of(AwsClients.ENDPOINT_ENV, "http://127.0.0.1:" + server.port()));
        return AwsClients.configure(builder, AwsClients.region(Optional.of("eu-west-1"), Map.of()), endpoint, http,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .build()));
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
