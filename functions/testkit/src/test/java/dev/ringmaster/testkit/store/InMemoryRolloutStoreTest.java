package dev.ringmaster.testkit.store;

import dev.ringmaster.testkit.memory.InMemoryRolloutStore;
import dev.ringmaster.core.port.RolloutStore;

/** The contract against the in-memory store the simulator runs on: its semantics must be DynamoDB's. */
class InMemoryRolloutStoreTest extends RolloutStoreContract {

    @Override
    protected RolloutStore newStore() {
        return new InMemoryRolloutStore();
    }
}
