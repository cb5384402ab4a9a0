package dev.ringmaster.testkit.store;

import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.testkit.store.RolloutStoreContract;
import dev.ringmaster.core.port.RolloutStore;
import java.util.concurrent.atomic.AtomicInteger;

/** The store contract against Amazon DynamoDB Local: a fresh table per test, so scans see only that test's rollouts. */
class DynamoDbLocalRolloutStoreTest extends RolloutStoreContract {
    private static final AtomicInteger TABLES = new AtomicInteger();

    @Override
    protected RolloutStore newStore() {
        String table = "rollouts-" + TABLES.incrementAndGet();
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
        return new DynamoDbRolloutStore(DynamoDbLocal.client(), table);
    }
}
