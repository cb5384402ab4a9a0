package dev.ringmaster.core.rollout;

import java.time.Instant;
import java.util.List;

/**
 * The state of one rollout, as stored. {@code version} grows by one with every write so two racing ticks
 * cannot both apply a transition.
 *
 * @param phaseIndex      index of the current phase in the plan (0 before start)
 * @param phaseEnteredAt  when the current phase was entered (soak is measured from when it went live)
 * @param approvedPhase   index of the phase whose entry has been approved, or -1
 * @param fixed           a rolled-back build was marked fixed and may start again
 * @param hotfix          started as a hotfix at a phase: every phase soaks the plan's hotfixSoak
 * @param lastDecision    the previous tick's decision, so a repeated HOLD is not announced again
 * @param sourceErrors    consecutive ticks on which a metric source could not be read (circuit breaker)
 * @param firstPhase      the phase it started at (a hotfix starts later): a rollback withdraws from here on
 * @param approvers       distinct people who approved entry to the next phase that asks for approval, so far
 * @param after           the rolled-back, fixed rollout this one restarts (seed 002 "restart from phase 1 after a fix"), or null
 * @param stoppedAt       when it last left RUNNING (halted, paused, rolling back, completed), or null: watch
 *                        windows and the rollback time count from here
 */
public record Rollout(String id, RolloutState state, int phaseIndex, Instant phaseEnteredAt, Instant startedAt,
                      long version, int approvedPhase, boolean fixed, boolean hotfix, String reason, String lastDecision,
                      int sourceErrors, int firstPhase, List<String> approvers, String after, Instant stoppedAt) {

    public Rollout {
        approvers = List.copyOf(approvers);
    }

    public static Rollout pending(String id) {
        return new Rollout(id, RolloutState.PENDING, 0, null, null, 0, -1, false, false, "created", null, 0);
    }

    /** Compact form for tests and fixtures: started at phase 0, no approvals, not stopped. */
    public Rollout(String id, RolloutState state, int phaseIndex, Instant phaseEnteredAt, Instant startedAt, long version,
                   int approvedPhase, boolean fixed, boolean hotfix, String reason, String lastDecision, int sourceErrors) {
        this(id, state, phaseIndex, phaseEnteredAt, startedAt, version, approvedPhase, fixed, hotfix, reason, lastDecision, sourceErrors,
                0, List.of(), null, null);
    }

    /** Compact form for tests and fixtures: no decision yet, no source errors. */
    public Rollout(String id, RolloutState state, int phaseIndex, Instant phaseEnteredAt, Instant startedAt, long version,
                   int approvedPhase, boolean fixed, boolean hotfix, String reason) {
        this(id, state, phaseIndex, phaseEnteredAt, startedAt, version, approvedPhase, fixed, hotfix, reason, null, 0);
    }

    /** A change of state or phase at {@code now}: leaving RUNNING starts the clock of the watch and of a rollback. */
    Rollout to(RolloutState next, int phase, Instant enteredAt, String why, Instant now) {
        boolean newPhase = phase != phaseIndex;
        Instant stopped = next == RolloutState.RUNNING ? null : state == next || state.rollingBack() && next.rollingBack() ? stoppedAt : now;
        return new Rollout(id, next, phase, enteredAt, startedAt, version + 1, approvedPhase, fixed, hotfix, why, lastDecision,
                sourceErrors, firstPhase, newPhase ? List.of() : approvers, after, stopped);
    }

    Rollout approvedBy(List<String> people, int approved) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version + 1, approved, fixed, hotfix, reason,
                lastDecision, sourceErrors, firstPhase, people, after, stoppedAt);
    }

    Rollout markedFixed(String why) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version + 1, approvedPhase, true, hotfix, why,
                lastDecision, sourceErrors, firstPhase, approvers, after, stoppedAt);
    }

    Rollout started(int phase, Instant now, boolean asHotfix, String why, String restarts) {
        return new Rollout(id, RolloutState.RUNNING, phase, now, now, version + 1, approvedPhase, false, asHotfix, why, null, 0,
                phase, List.of(), restarts, null);
    }

    /** The same rollout with its version bumped and nothing else changed: a command that changes no state (a cohort kill). */
    Rollout touched(String why) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version + 1, approvedPhase, fixed, hotfix, why,
                lastDecision, sourceErrors, firstPhase, approvers, after, stoppedAt);
    }

    /** The same rollout after a tick that changed nothing but what it remembers of the tick. */
    public Rollout ticked(String decision, int errors) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version + 1, approvedPhase, fixed, hotfix, reason,
                decision, errors, firstPhase, approvers, after, stoppedAt);
    }

    /**
     * The end of the watch window of a finished rollout: {@code watchAfterComplete} after COMPLETED,
     * {@code watchAfterRollback} after ROLLED_BACK, counted from when it stopped; empty in any other state or
     * without a window.
     */
    public java.util.Optional<Instant> watchEnds(dev.ringmaster.core.plan.Plan plan) {
        java.time.Duration window = switch (state) {
            case COMPLETED -> plan.watchAfterComplete();
            case ROLLED_BACK -> plan.watchAfterRollback();
            default -> null;
        };
        return window == null || stoppedAt == null ? java.util.Optional.empty() : java.util.Optional.of(stoppedAt.plus(window));
    }

    /** This rollout with the tick's memory set, keeping its version (the transition already counted). */
    public Rollout remembering(String decision, int errors) {
        return new Rollout(id, state, phaseIndex, phaseEnteredAt, startedAt, version, approvedPhase, fixed, hotfix, reason,
                decision, errors, firstPhase, approvers, after, stoppedAt);
    }
}
