package dev.ringmaster.functions.evaluategates;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one tick did.
 *
 * @param decision HOLD, ADVANCE, HALT, …; null when nothing was decided (rollout gone, not running)
 * @param written  the decision was stored; false when another tick wrote first or nothing was decided
 * @param note     the decision's one-line summary, or why there was none
 */
@RegisterForReflection
public record TickResult(String rolloutId, String decision, boolean written, String note) {
}
