package dev.ringmaster.functions.runtime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What advance-phase or pause-store-rollout did with one event.
 *
 * @param applied false when the event was not this function's, or was delivered again after it was handled
 * @param outcome the target's answer ("done: google-play inProgress at 10%", "failed: … refused: …"), or why
 *                nothing was done
 */
@RegisterForReflection
public record ActionResult(String rolloutId, long version, String action, boolean applied, String outcome) {
}
