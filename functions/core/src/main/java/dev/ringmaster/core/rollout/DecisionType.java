package dev.ringmaster.core.rollout;

/**
 * What one tick decides (CONTRACTS.md §2). PAUSE extends the contract: a phase still inconclusive at its
 * {@code maxSoak} pauses and says which gate lacked evidence.
 */
public enum DecisionType {
    HOLD, ADVANCE, HALT, ROLLBACK, COMPLETE, WAIT_WINDOW, WAIT_APPROVAL, PAUSE
}
