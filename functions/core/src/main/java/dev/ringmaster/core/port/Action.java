package dev.ringmaster.core.port;

import java.util.Locale;

/**
 * The side effect an event asks of the step functions. EventBridge rules route on it (docs/functions.md):
 * ENTER_PHASE, RESUME and COMPLETE go to advance-phase; HALT, ROLLBACK and KILL to pause-store-rollout.
 */
public enum Action {
    /** make the audience of the phase the rollout is now in live (start, advance, restart) */
    ENTER_PHASE,
    /** let the target take new users again at the current phase's audience (resume after pause or halt) */
    RESUME,
    /** release to everyone */
    COMPLETE,
    /** stop new users (halt rule, failed gate, pause, maxSoak) */
    HALT,
    /** take the version away where the target can */
    ROLLBACK,
    /** the kill switch: the global flag off, then roll back everywhere */
    KILL,
    /** one cohort's kill-switch flag off ({@code kill --cohort}), the phase that is that cohort's */
    KILL_COHORT,
    /** nothing to change on a target; people may still be told */
    NONE;

    /** The target call's name as history, reports and {@code exampleRun.targetCalls} show it: enter, resume, … */
    public String call() {
        return switch (this) {
            case ENTER_PHASE -> "enter";
            case KILL_COHORT -> "kill";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    /** A halt, rollback or kill: its failure is a visible state, alerted at critical severity, retried every tick. */
    public boolean protective() {
        return this == HALT || this == ROLLBACK || this == KILL || this == KILL_COHORT;
    }

    /** Widens or keeps the audience: the phase is live only once the target confirmed it. */
    public boolean widens() {
        return this == ENTER_PHASE || this == RESUME || this == COMPLETE;
    }

    /** The step function the bus routes this action to, or null for NONE. */
    public String function() {
        if (this == NONE) {
            return null;
        }
        return widens() ? "advance-phase" : "pause-store-rollout";
    }
}
