package dev.ringmaster.core.rollout;

import dev.ringmaster.core.gate.Evidence;
import dev.ringmaster.core.gate.Outcome;

/**
 * One reason of a decision: which rule, what it concluded, and the evidence (metric, value, sample size,
 * bound, confidence) when a metric was involved.
 *
 * @param rule     "gate crash_rate ≤ 0.005", "halt rule error_rate ≤ 0.01 for 5m", "soak", "window", "approval"
 * @param outcome  the verdict behind it, or null for reasons that are not verdicts
 * @param evidence null for reasons that are not verdicts
 */
public record Reason(String rule, Outcome outcome, String message, Evidence evidence) {

    public static Reason of(String rule, String message) {
        return new Reason(rule, null, message, null);
    }

    @Override
    public String toString() {
        return rule + (outcome == null ? "" : " " + outcome) + ": " + message;
    }
}
