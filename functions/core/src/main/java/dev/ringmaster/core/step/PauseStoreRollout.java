package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.StoredRollout;
import java.util.Optional;

/**
 * Step function {@code pause-store-rollout}: HALT and PAUSE stop new users on the target (Play halted, App
 * Store phased release paused); ROLLBACK takes the version away and turns the cohort's flag off; a kill
 * also turns the global kill-switch flag off.
 */
public final class PauseStoreRollout {
    private final Ports ports;
    private final PlanCache plans;
    private final Effects effects;

    public PauseStoreRollout(Ports ports, PlanCache plans) {
        this.ports = ports;
        this.plans = plans;
        this.effects = new Effects(ports);
    }

    public Optional<String> handle(RolloutEvent event) {
        if (event.action() != Action.HALT && event.action() != Action.ROLLBACK) {
            return Optional.empty();
        }
        Optional<StoredRollout> stored = ports.store().find(event.rolloutId());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Plan plan = plans.get(event.rolloutId(), stored.get().planYaml());
        if (event.decision().equals("kill")) {
            effects.throwKillSwitch(plan);
        }
        return effects.once(plan, stored.get(), event.action(), event.phaseIndex(), event.version());
    }
}
