package dev.ringmaster.core.rollout;

/**
 * What one tick decides (CONTRACTS.md §2). Extensions of the contract: PAUSE (a phase still inconclusive at its
 * {@code maxSoak} pauses and says which gate lacked evidence), WAIT_REVIEW (an App Review phase waits for
 * Apple's verdict, seed 002) and KILL (the circuit breaker disables a flag canary with the kill switch, seed 004).
 */
public enum DecisionType {
    HOLD, ADVANCE, HALT, ROLLBACK, COMPLETE, WAIT_WINDOW, WAIT_APPROVAL, PAUSE, WAIT_REVIEW, KILL
}
