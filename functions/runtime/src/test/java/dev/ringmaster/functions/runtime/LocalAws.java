package dev.ringmaster.functions.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS a function test runs against, all on loopback: DynamoDB Local in-process with the ringmaster table,
 * and a WireMock answering EventBridge PutEvents and Scheduler Create/DeleteSchedule like the services do, so
 * tests can read what the function put on the bus.
 */
public class LocalAws implements QuarkusTestResourceLifecycleManager {
    public static final String TABLE = "ringmaster-test";
    static final String KEY = "AKIDLOCAL";
    static final String SECRET = "local-secret";
    private static volatile WireMockServer aws;
    private static volatile DynamoDbClient dynamoDb;
    private DynamoDBProxyServer dynamoDbLocal;

    @Override
    public Map<String, String> start() {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            dynamoDbLocal = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
            dynamoDbLocal.start();
            String endpoint = "http://127.0.0.1:" + port;
            dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                    .httpClient(UrlConnectionHttpClient.create()).build();
            DynamoDbRolloutStore.createTable(dynamoDb, TABLE);

            aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            aws.start();
            aws.stubFor(post("/").willReturn(aResponse().withStatus(200)
                    .withBody("{\"Entries\":[{\"EventId\":\"6f4b3c2a-0000-4000-8000-000000000001\"}],\"FailedEntryCount\":0}")));
            aws.stubFor(any(urlPathMatching("/schedules/.*")).willReturn(aResponse().withStatus(200)
                    .withBody("{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:123456789012:schedule/default/x\"}")));
            // The functions sign with the default credentials chain, which reads these system properties.
            System.setProperty("aws.accessKeyId", KEY);
            System.setProperty("aws.secretAccessKey", SECRET);
            String local = "http://127.0.0.1:" + aws.port();
            return Map.ofEntries(
                    Map.entry("quarkus.dynamodb.endpoint-override", endpoint),
                    Map.entry("quarkus.dynamodb.aws.region", "us-east-1"),
                    Map.entry("quarkus.dynamodb.aws.credentials.type", "static"),
                    Map.entry("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", KEY),
                    Map.entry("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", SECRET),
                    Map.entry("ringmaster.table", TABLE),
                    Map.entry("ringmaster.aws.region", "us-east-1"),
                    Map.entry("ringmaster.events.endpoint", local),
                    Map.entry("ringmaster.scheduler.endpoint", local),
                    Map.entry("ringmaster.scheduler.function-arn", "arn:aws:lambda:us-east-1:123456789012:function:ringmaster-evaluate-gates"),
                    Map.entry("ringmaster.scheduler.role-arn", "arn:aws:iam::123456789012:role/ringmaster-scheduler"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start DynamoDB Local", e);
        }
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.stop();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        try {
            if (dynamoDbLocal != null) {
                dynamoDbLocal.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The WireMock standing in for EventBridge and Scheduler. */
    public static WireMockServer aws() {
        return aws;
    }

    /** A client of the same DynamoDB Local the function uses. */
    public static DynamoDbClient dynamoDb() {
        return dynamoDb;
    }
}
