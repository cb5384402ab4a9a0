package dev.ringmaster.core.step;

import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.StoredRollout;
import java.util.Optional;

/** Step function {@code advance-phase}: an entered phase's audience (and flags) goes live on its target; 100 % completes. */
public final class AdvancePhase {
    private final Ports ports;
    private final PlanCache plans;
    private final Effects effects;

    public AdvancePhase(Ports ports, PlanCache plans) {
        this.ports = ports;
        this.plans = plans;
        this.effects = new Effects(ports);
    }

    /** The outcome of the action, or empty when the event is not this function's or was already handled. */
    public Optional<String> handle(RolloutEvent event) {
        if (event.action() != Action.ENTER_PHASE && event.action() != Action.COMPLETE) {
            return Optional.empty();
        }
        Optional<StoredRollout> stored = ports.store().find(event.rolloutId());
        return stored.flatMap(s -> effects.once(plans.get(event.rolloutId(), s.planYaml()), s, event.action(), event.phaseIndex(),
                event.version()));
    }
}
