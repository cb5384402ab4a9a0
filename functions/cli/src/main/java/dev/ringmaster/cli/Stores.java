package dev.ringmaster.cli;

import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.port.RolloutStore;
import java.util.function.IntFunction;

/** Rollout stores for simulations: runs share a DynamoDB Local, each in a table of its own. */
final class Stores {
    private Stores() {
    }

    static IntFunction<RolloutStore> dynamoDb(LocalDynamoDb db) {
        return run -> {
            String table = "simulation-" + run;
            DynamoDbRolloutStore.createTable(db.client(), table);
            return new DynamoDbRolloutStore(db.client(), table);
        };
    }
}
