package dev.ringmaster.core.port;

import dev.ringmaster.core.rollout.Rollout;
import java.time.Instant;
import java.util.List;

/**
 * How a claimed action went, as the step that held the claim records it, releasing the claim in the same write.
 *
 * @param status    DONE, FAILED (tried again later) or REFUSED (never again)
 * @param outcome   the intent's outcome for DONE and REFUSED ("done: google-play halted at 10%"), null for FAILED
 * @param error     for FAILED and REFUSED: what the target said
 * @param retryAt   for FAILED: when the next tick sends the intent again
 * @param entries   the ACTION history entry, and a TRANSITION entry when {@code confirmed} is given
 * @param confirmed the rollout after the target's answer moved it (ROLLING_BACK → ROLLED_BACK or
 *                  ROLLBACK_FAILED), written only if the stored version is still {@code expectedVersion}; null
 *                  when the answer changes no state
 */
public record Settlement(Intent intent, Effect.Status status, String outcome, String error, Instant at, Instant retryAt,
                         List<HistoryEntry> entries, Rollout confirmed, long expectedVersion) {

    public Settlement {
        entries = List.copyOf(entries);
        if (status != Effect.Status.DONE && status != Effect.Status.FAILED && status != Effect.Status.REFUSED) {
            throw new IllegalArgumentException("an action settles DONE, FAILED or REFUSED, not " + status);
        }
    }

    /** What writing a settlement came to. */
    public enum Result {
        /** recorded, claim released */
        SETTLED,
        /** {@code confirmed} was not written: the rollout moved on since it was read; read again and retry */
        VERSION_CONFLICT,
        /** a later intent was written while the call ran: the call is recorded, the newer effect left as it is */
        SUPERSEDED,
        /** the claim expired and another step holds it now: only the history entry is recorded */
        CLAIM_LOST
    }
}
