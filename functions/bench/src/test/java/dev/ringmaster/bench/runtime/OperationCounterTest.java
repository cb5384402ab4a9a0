package dev.ringmaster.bench.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The counting interceptor on a real DynamoDB Local: operations by name, reads and writes, consumed capacity. */
class OperationCounterTest {
    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Test
    void countsEachCallByNameWithTheUnitsDynamoDbReports() {
        OperationCounter counter = new OperationCounter();
        try (DynamoDbClient client = dynamo.client(counter)) {
            client.createTable(b -> b.tableName("counted").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
            counter.reset();
            // 1,500 bytes: two write units (1 KB each), one read unit for a strongly consistent read (4 KB each).
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("a"), "body", AttributeValue.fromS("x".repeat(1500)));
            client.putItem(b -> b.tableName("counted").item(item));
            client.getItem(b -> b.tableName("counted").key(Map.of("pk", AttributeValue.fromS("a"))).consistentRead(true));
            client.getItem(b -> b.tableName("counted").key(Map.of("pk", AttributeValue.fromS("a"))).consistentRead(true));

            OperationCounter.Counts c = counter.counts();
            assertEquals(Map.of("PutItem", 1L, "GetItem", 2L), c.calls());
            assertEquals(2, c.reads());
            assertEquals(1, c.writes());
            assertEquals(0, c.unreported(), "DynamoDB Local reports consumed capacity when asked");
            assertEquals(2.0, c.writeUnits());
            assertEquals(2.0, c.readUnits());
            assertTrue(c.nanos() > 0);

            counter.reset();
            assertEquals(Map.of(), counter.counts().calls());
        }
    }

    @Test
    void countsTheStoreAdaptersCallsWithoutAHookInTheAdapter() {
        OperationCounter counter = new OperationCounter();
        try (DynamoDbClient client = dynamo.client(counter)) {
            DynamoDbRolloutStore.createTable(client, "counted-store");
            DynamoDbRolloutStore store = new DynamoDbRolloutStore(client, "counted-store");
            BenchRollout bench = BenchRollout.load(RepoRoot.path());
            bench.seed(store, "r1", Instant.parse("2026-06-10T12:00:00Z"), Duration.ofHours(1));
            counter.reset();
            store.find("r1").orElseThrow();
            OperationCounter.Counts c = counter.counts();
            assertEquals(0, c.writes());
            assertTrue(c.reads() >= 1, "a find reads: " + c.calls());
            assertTrue(c.readUnits() > 0, "the rollout item's read units: " + c);
        }
    }
}
