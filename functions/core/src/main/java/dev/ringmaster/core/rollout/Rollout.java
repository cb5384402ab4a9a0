package dev.ringmaster.core.rollout;

import java.time.Instant;

/**
 * The state of one rollout, as stored. {@code version} grows by one with every write so two racing ticks
 * cannot both apply a transition.
 *
 * @param phaseIndex      index of the current phase in the plan (0 before start)
 * @param phaseEnteredAt  when the current phase was entered (soak is measured from here)
 * @param approvedPhase   index of the phase whose entry has been approved, or -1
 * @param fixed           a rolled-back build was marked fixed and may start again
 * @param hotfix          started as a hotfix at a phase: soak is the plan's hotfixSoak
 * @param lastDecision    the previous tick's decision, so a repeated HOLD is not announced again
 * @param sourceErrors    consecutive ticks on which a metric source could not be read (circuit breaker)
 */
public record Rollout(String id, RolloutState state, int phaseIndex, Instant phaseEnteredAt, Instant startedAt,
                      long version, int approvedPhase, boolean fixed, boolean hotfix, String reason, String lastDecision,
                      int sourceErrors) {

    public static Rollout pending(String id) {
        return new Rollout(id, RolloutState.PENDING, 0, null, null, 0, -1, false, false, "created", null, 0);
    }

    /** Compact form for tests and fixtures: no decision yet, no source errors. */
    public Rollout(String id, RolloutState state, int phaseIndex, Instant phaseEnteredAt, Instant startedAt, long version,
                   int approvedPhase, boolean fixed, boolean hotfix, String reason) {
        this(id, state, phaseIndex, phaseEnteredAt, startedAt, version, approvedPhase, fixed, hotfix, reason, null, 0);
    }

    Rollout to(RolloutState next, int phase, Instant enteredAt, String why) {
        return new Rollout(id, next, phase, enteredAt, startedAt, version + 1, approvedPhase, fixed, hotfix, why, lastDecision,
                sourceErrors);
    }

    Rollout approving(int phase) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version + 1, phase, fixed, hotfix, reason,
                lastDecision, sourceErrors);
    }

    Rollout markedFixed(String why) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version + 1, approvedPhase, true, hotfix, why,
                lastDecision, sourceErrors);
    }

    Rollout started(int phase, Instant now, boolean asHotfix, String why) {
        return new Rollout(id, RolloutState.RUNNING, phase, now, now, version + 1, approvedPhase, false, asHotfix, why, null, 0);
    }

    /** The same rollout after a tick that changed nothing but what it remembers of the tick. */
    public Rollout ticked(String decision, int errors) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version + 1, approvedPhase, fixed, hotfix, reason,
                decision, errors);
    }

    /** This rollout with the tick's memory set, keeping its version (the transition already counted). */
    public Rollout remembering(String decision, int errors) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version, approvedPhase, fixed, hotfix, reason,
                decision, errors);
    }
}
