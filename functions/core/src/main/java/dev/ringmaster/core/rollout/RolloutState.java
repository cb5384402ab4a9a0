package dev.ringmaster.core.rollout;

/** CONTRACTS.md §2: PENDING → RUNNING ⇄ PAUSED → ROLLED_BACK | COMPLETED, plus HALTED (stopped by a rule). */
public enum RolloutState {
    PENDING, RUNNING, PAUSED, HALTED, ROLLED_BACK, COMPLETED;

    public boolean terminal() {
        return this == ROLLED_BACK || this == COMPLETED;
    }
}
