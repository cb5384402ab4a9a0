package dev.ringmaster.functions.operate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.PlanCache;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Step function operate: on-call's commands (events/operate-*.json). It takes the event as JSON, not a typed
 * request, so a wrong type or an envelope (EventBridge, function URL) is answered by {@link OperateHandler} in words
 * instead of failing in deserialization.
 */
public class OperateFunction {
    @Inject
    Operate operate;

    @Inject
    RolloutStore store;

    @Inject
    PlanCache plans;

    @Inject
    Clock clock;

    @Funq("operate")
    public OperateResult operate(JsonNode event) {
        return new OperateHandler(operate, store, plans, clock).handle(event);
    }
}
