package dev.ringmaster.cli;

import dev.ringmaster.adapters.bus.InProcessBus;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.sim.SimFlagStore;
import dev.ringmaster.adapters.sim.SimTargets;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.TickScheduler;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.core.step.Ports;
import dev.ringmaster.sim.RecordingScheduler;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * What the local runner and the operator commands share: the table in the runner's DynamoDB Local and how
 * ports are put together around it.
 */
final class LocalRunner {
    static final String TABLE = "ringmaster";
    static final int DEFAULT_PORT = 8000;

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
     * Ports for an operator command given from another process: it writes the transition and the intent
     * of its action to the store; the runner's next tick finds the intent open and applies it on the
     * targets it holds. Nothing is published or scheduled from here.
     */
    static Ports forCommands(RolloutStore store, Clock clock) {
        EventPublisher intentOnly = event -> { };
        TickScheduler runnerTicksEveryActiveRollout = new RecordingScheduler();
        Notifier none = (rule, message) -> { };
        MetricSource noMetrics = (metric, id, version, from, to) -> java.util.List.of();
        SimFlagStore flags = new SimFlagStore(clock);
        return new Ports(store, noMetrics, SimTargets.of(clock, flags).byType(), flags, none, intentOnly,
                runnerTicksEveryActiveRollout, clock);
    }

    static PlanCache plans() {
        return new PlanCache();
    }

    static InProcessBus bus() {
        return new InProcessBus();
    }
}
