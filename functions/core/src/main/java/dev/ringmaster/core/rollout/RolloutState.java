package dev.ringmaster.core.rollout;

/**
 * CONTRACTS.md §2: PENDING → RUNNING ⇄ PAUSED → ROLLED_BACK | COMPLETED, plus HALTED (stopped by a rule). A
 * rollback is ROLLING_BACK until the targets confirm it (ROLLED_BACK) or refuse or fail it (ROLLBACK_FAILED,
 * tried again every tick): a rollout is never shown ROLLED_BACK while a store still serves the build.
 */
public enum RolloutState {
    PENDING, RUNNING, PAUSED, HALTED, ROLLING_BACK, ROLLBACK_FAILED, ROLLED_BACK, COMPLETED;

    public boolean terminal() {
        return this == ROLLED_BACK || this == COMPLETED;
    }

    /** A rollback was decided: the next state is for the targets to confirm. */
    public boolean rollingBack() {
        return this == ROLLING_BACK || this == ROLLBACK_FAILED;
    }
}
