package dev.ringmaster.bench;

import dev.ringmaster.core.rollout.RolloutState;

/**
 * How one simulated rollout under one policy ended.
 *
 * @param outcome  COMPLETED (reached 100 %), HALTED (a FAIL), PAUSED (no evidence by maxSoak)
 * @param exposure canary sessions until the rollout ended or reached 100 %
 * @param hours    virtual hours from start to the end
 * @param ticks    decisions taken
 */
public record RunOutcome(RolloutState outcome, double exposure, double hours, int ticks) {
}
