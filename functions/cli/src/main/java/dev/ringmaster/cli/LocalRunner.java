package dev.ringmaster.cli;

import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.testkit.RecordingScheduler;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * What the local runner and the operator commands share: the table in the runner's DynamoDB Local and how a
 * command from another process is applied.
 */
final class LocalRunner {
    static final String TABLE = "ringmaster";
    static final int DEFAULT_PORT = 8000;
    static final Duration TICK = Duration.ofMinutes(5);

    private LocalRunner() {
    }

    static RolloutStore store(DynamoDbClient client) {
        try {
            DynamoDbRolloutStore.createTable(client, TABLE);
        } catch (ResourceInUseException e) {
            // Kept from an earlier run: the data folder is the point.
        }
        return new DynamoDbRolloutStore(client, TABLE);
    }

    /**
     * Operate for a command given from another process: it writes the transition and its intent to the store;
     * the runner's next tick finds the intent in the outbox and sends it on the bus the runner's targets listen
     * to. Nothing is published or scheduled from here: the runner ticks every active rollout.
     */
    static Operate forCommands(RolloutStore store, Clock clock) {
        return new Operate(store, event -> { }, new RecordingScheduler(), clock, plans(), Capabilities.everything(), TICK);
    }

    static PlanCache plans() {
        return new PlanCache();
    }
}
