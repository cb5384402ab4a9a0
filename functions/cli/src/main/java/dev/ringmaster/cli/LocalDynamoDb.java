package dev.ringmaster.cli;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Amazon DynamoDB Local embedded in this JVM on loopback: in memory for simulations, or kept in a folder
 * between restarts for the local runner. Nothing leaves the machine.
 */
final class LocalDynamoDb implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final DynamoDbClient client;
    private final int port;

    private LocalDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = client(port);
    }

    /** @param dataDir folder to keep the data in, or null for memory only; @param port 0 for any free port */
    static LocalDynamoDb start(Path dataDir, int port) {
        int p = port == 0 ? freePort() : port;
        try {
            String[] args;
            if (dataDir == null) {
                args = new String[] {"-inMemory", "-port", String.valueOf(p), "-disableTelemetry"};
            } else {
                Files.createDirectories(dataDir);
                // -sharedDb: one database file whatever the credentials and region of the client.
                args = new String[] {"-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb", "-port", String.valueOf(p), "-disableTelemetry"};
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return new LocalDynamoDb(server, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start DynamoDB Local on 127.0.0.1:" + p + ": " + e.getMessage(), e);
        }
    }

    /** A client of a DynamoDB Local another process runs on this port. */
    static DynamoDbClient client(int port) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    DynamoDbClient client() {
        return client;
    }

    int port() {
        return port;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping an in-process server at exit: nothing left to protect.
        }
    }
}
