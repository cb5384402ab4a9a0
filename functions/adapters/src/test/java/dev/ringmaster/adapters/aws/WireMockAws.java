package dev.ringmaster.adapters.aws;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** A WireMock server on loopback standing in for an AWS endpoint, and clients that sign for it and never sleep. */
final class WireMockAws implements AutoCloseable {
    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final List<Duration> sleeps = new ArrayList<>();
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    WireMockAws() {
        server.start();
    }

    AwsJsonClient client(String signingName) {
        return new AwsJsonClient(http, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                "eu-west-1", signingName, URI.create("http://127.0.0.1:" + server.port()),
                new AwsJsonClient.Retry(3, Duration.ofMillis(100), sleeps::add));
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
