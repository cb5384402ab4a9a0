package dev.ringmaster.adapters.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Amazon DynamoDB Local, in this JVM (no Docker), for any test that needs a real DynamoDB: started on first
 * use, shared by every test class of the run, stopped when the JVM exits. In memory, so each test creates
 * its own table (or uses its own ids) and nothing outlives the run.
 */
public final class DynamoDbLocal {
    private static DynamoDbClient client;

    private DynamoDbLocal() {
    }

    /** A client of the one DynamoDB Local; starts it on the first call. */
    public static synchronized DynamoDbClient client() {
        if (client == null) {
            client = start();
        }
        return client;
    }

    private static DynamoDbClient start() {
        int port = freePort();
        DynamoDBProxyServer server;
        try {
            server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
        DynamoDbClient started = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            try {
                server.stop();
            } catch (Exception e) {
                // the JVM is exiting: the in-memory database goes with it either way
            }
        }, "dynamodb-local-stop"));
        return started;
    }

    /** DynamoDB Local has no bind-address option; the port is probed on loopback, where the client connects. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
