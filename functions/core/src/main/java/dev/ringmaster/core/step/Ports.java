package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TickScheduler;
import java.time.Clock;
import java.util.Map;

/** Everything the step functions reach outside the core, handed in by whoever runs them (Lambda, local runner, simulator). */
public record Ports(RolloutStore store, MetricSource metrics, Map<TargetType, RolloutTarget> targets, FlagWriter flags,
                    Notifier notifier, EventPublisher bus, TickScheduler scheduler, Clock clock) {

    public Ports {
        targets = Map.copyOf(targets);
    }

    public RolloutTarget target(TargetType type) {
        RolloutTarget t = targets.get(type);
        if (t == null) {
            throw new IllegalStateException("no adapter for target type " + type.key);
        }
        return t;
    }
}
