package dev.ringmaster.core.port;

import java.time.Instant;

/**
 * Where the rollout's current side effect stands: the action of its newest intent that asks for one, and
 * what the target made of it so far. Written with that intent (same transaction as the state change), then by
 * the step function that carries it out: claimed, then settled. A rollout is only as far as its effect: a
 * phase is live once its ENTER_PHASE is DONE; a HALTED rollout whose halt FAILED still serves new users.
 *
 * @param version   the rollout version of the intent (an older intent is superseded by this one)
 * @param intentId  that intent's id
 * @param attempts  failed attempts so far (the circuit breaker counts them)
 * @param error     the last failure, or the refusal, else null
 * @param at        when the status last changed
 * @param retryAt   after a failure: when the next tick sends it again
 * @param holder    the intent whose step holds the rollout's action claim (maybe an older one, still acting), or null
 * @param heldUntil when that claim expires: a step that died holding it is taken over after this
 */
public record Effect(long version, Action action, String intentId, Status status, int attempts, String error, Instant at,
                     Instant retryAt, String holder, Instant heldUntil) {

    public enum Status {
        /** no action asked yet */
        NONE,
        /** asked, not yet tried */
        PENDING,
        /** a step claimed it and is calling the target */
        IN_PROGRESS,
        /** the target confirmed it */
        DONE,
        /** the last try failed (5xx, timeout): tried again */
        FAILED,
        /** the target refused it (its API says no): not tried again */
        REFUSED
    }

    public static final Effect NONE = new Effect(0, Action.NONE, null, Status.NONE, 0, null, null, null, null, null);

    /** What a save with a new intent leaves: that intent pending, an older step's claim kept. */
    public Effect asked(Intent intent, Instant now) {
        return new Effect(intent.version(), intent.action(), intent.id(), Status.PENDING, 0, null, now, null, holder, heldUntil);
    }

    /** Nothing left to do for it. */
    public boolean settled() {
        return status == Status.NONE || status == Status.DONE || status == Status.REFUSED;
    }

    /** Some step holds the action claim right now. */
    public boolean held(Instant now) {
        return holder != null && heldUntil != null && heldUntil.isAfter(now);
    }
}
