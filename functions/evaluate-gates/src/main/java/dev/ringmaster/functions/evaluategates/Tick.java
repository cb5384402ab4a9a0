package dev.ringmaster.functions.evaluategates;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The payload each rollout's EventBridge Scheduler schedule sends (events/tick.json). Scheduler passes the
 * target input as is; the same body wrapped as an EventBridge event's {@code detail}
 * (events/scheduler-tick-envelope.json, an EventBridge rule instead of a schedule) is accepted too.
 */
@RegisterForReflection
public record Tick(String rolloutId, Detail detail) {

    @RegisterForReflection
    public record Detail(String rolloutId) {
    }

    /** The rollout to tick, or null when the payload names none. */
    public String rollout() {
        if (rolloutId != null && !rolloutId.isBlank()) {
            return rolloutId;
        }
        return detail == null || detail.rolloutId() == null || detail.rolloutId().isBlank() ? null : detail.rolloutId();
    }
}
