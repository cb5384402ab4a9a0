package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.TargetType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The target adapters a deployment has, by target type: advance-phase and pause-store-rollout act through them. */
public final class Targets {
    private final Map<TargetType, RolloutTarget> byType;

    public Targets(Map<TargetType, RolloutTarget> byType) {
        this.byType = byType.isEmpty() ? Map.of() : new EnumMap<>(byType);
    }

    public RolloutTarget of(TargetType type) {
        RolloutTarget t = byType.get(type);
        if (t == null) {
            throw new RolloutTarget.Refused("no " + type.key + " adapter in this deployment (configured: "
                    + String.join(", ", new java.util.TreeSet<>(types().stream().map(k -> k.key).toList())) + ")");
        }
        return t;
    }

    public Set<TargetType> types() {
        return byType.keySet();
    }
}
