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
 */
public record Rollout(String id, RolloutState state, int phaseIndex, Instant phaseEnteredAt, Instant startedAt,
                      long version, int approvedPhase, boolean fixed, boolean hotfix, String reason) {

    public static Rollout pending(String id) {
        return new Rollout(id, RolloutState.PENDING, 0, null, null, 0, -1, false, false, "created");
    }

    Rollout to(RolloutState next, int phase, Instant enteredAt, String why) {
        return new Rollout(id, next, phase, enteredAt, startedAt, version + 1, approvedPhase, fixed, hotfix, why);
    }

    Rollout approving(int phase) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version + 1, phase, fixed, hotfix, reason);
    }

    Rollout markedFixed(String why) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version + 1, approvedPhase, true, hotfix, why);
    }

    Rollout started(int phase, Instant now, boolean asHotfix, String why) {
        return new Rollout(id, RolloutState.RUNNING, phase, now, now, version + 1, approvedPhase, false, asHotfix, why);
    }
}
