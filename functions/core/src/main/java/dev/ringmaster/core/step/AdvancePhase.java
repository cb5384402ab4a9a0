package dev.ringmaster.core.step;

import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.Targets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Step function {@code advance-phase}: an entered or resumed phase's audience (and flags) goes live on its target; 100 % completes. */
public final class AdvancePhase {
    private final Effects effects;

    public AdvancePhase(RolloutStore store, Targets targets, FlagWriter flags, Clock clock, PlanCache plans) {
        this.effects = new Effects(store, targets, flags, clock, plans);
    }

    /**
     * Carries out the event's action once, holding the claim until {@code until} (the invocation's deadline).
     *
     * @return what happened; empty when the event is not this function's or its action is already settled
     */
    public Optional<String> handle(RolloutEvent event, Instant until) {
        return event.action().widens() ? effects.apply(event, until) : Optional.empty();
    }
}
