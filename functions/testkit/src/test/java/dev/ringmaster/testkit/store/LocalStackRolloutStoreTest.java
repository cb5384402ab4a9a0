package dev.ringmaster.testkit.store;

import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.testkit.store.RolloutStoreContract;
import dev.ringmaster.core.port.RolloutStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store contract against LocalStack's DynamoDB, a second emulator with its own quirks (transaction
 * conflicts, TTL sweeps). Needs Docker; skipped where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRolloutStoreTest extends RolloutStoreContract {
    private static final AtomicInteger TABLES = new AtomicInteger();

    /** A pinned tag: newer LocalStack images ask for an auth token. */
    @Container
    private static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4.0")).withServices("dynamodb");

    private static DynamoDbClient client;

    @Override
    protected RolloutStore newStore() {
        String table = "rollouts-" + TABLES.incrementAndGet();
        DynamoDbRolloutStore.createTable(client(), table);
        return new DynamoDbRolloutStore(client(), table);
    }

    private static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .endpointOverride(LOCALSTACK.getEndpoint())
                    .region(Region.of(LOCALSTACK.getRegion()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                    .build();
        }
        return client;
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }
}
