package dev.ringmaster.core.step;

import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.Targets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Step function {@code pause-store-rollout}: HALT stops new users on the target (Play halted, App Store phased
 * release paused); ROLLBACK takes the version away and turns the cohort's flag off; KILL also turns the global
 * kill-switch flag off.
 */
public final class PauseStoreRollout {
    private final Effects effects;

    public PauseStoreRollout(RolloutStore store, Targets targets, FlagWriter flags, Clock clock, PlanCache plans) {
        this.effects = new Effects(store, targets, flags, clock, plans);
    }

    /** @see AdvancePhase#handle */
    public Optional<String> handle(RolloutEvent event, Instant until) {
        return event.action().protective() ? effects.apply(event, until) : Optional.empty();
    }
}
