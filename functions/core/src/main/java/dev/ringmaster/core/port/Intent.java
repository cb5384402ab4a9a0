package dev.ringmaster.core.port;

import java.time.Instant;

/**
 * An external action recorded before it is attempted and completed after it succeeded, so a crash in
 * between is repaired on the next tick (the action is idempotent and re-applied), never silently lost.
 *
 * @param id      unique per rollout and action: "v7-enter-phase" — the same event always yields the same id
 * @param action  what to do, as the event said it (ENTER_PHASE, HALT, ROLLBACK, …)
 * @param outcome null while open; then "done: …" or "failed: …"
 */
public record Intent(String rolloutId, String id, String action, int phaseIndex, long version, Instant at, String outcome,
                     Instant doneAt) {

    public boolean open() {
        return outcome == null;
    }

    public Intent done(String result, Instant when) {
        return new Intent(rolloutId, id, action, phaseIndex, version, at, result, when);
    }
}
