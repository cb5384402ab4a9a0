package dev.ringmaster.functions.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.adapters.aws.RolloutEventJson;
import dev.ringmaster.core.port.RolloutEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The EventBridge envelope a rule delivers to a Lambda target; its {@code detail} is a rollout event
 * (CONTRACTS.md §5). Fields as EventBridge names them (events/decision-*.json).
 */
@RegisterForReflection
public record EventBridgeEvent(String version, String id, @JsonProperty("detail-type") String detailType, String source,
                               String account, String time, String region, List<String> resources, JsonNode detail) {

    /** The rollout event in {@code detail}; IllegalArgumentException naming the field when it is not one. */
    public RolloutEvent rolloutEvent() {
        return RolloutEventJson.read(detail);
    }
}
