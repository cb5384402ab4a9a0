package dev.ringmaster.core.port;

import java.time.Instant;
import java.util.List;

/**
 * One line of a rollout's history: a decision, a transition, a command (accepted or refused) or an action
 * on a target, with who, when and why.
 *
 * @param version  the rollout version the entry belongs to (after a transition: the new version)
 * @param kind     DECISION, TRANSITION, COMMAND, REFUSED, ACTION
 * @param what     HOLD, ADVANCE, pause, rollback, "google-play userFraction 0.1", …
 * @param operator who asked (a person, "scheduler", "webhook"), or "ringmaster" for its own decisions
 * @param reasons  never empty: why
 */
public record HistoryEntry(String rolloutId, Instant at, long version, Kind kind, String what, String phase, String operator,
                           List<String> reasons) {

    public enum Kind {
        DECISION, TRANSITION, COMMAND, REFUSED, ACTION,
        /** What a webhook told about the rollout (an alert, a store event, a bug count), verified and recorded. */
        SIGNAL
    }

    public HistoryEntry {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a history entry needs a reason: " + kind + " " + what);
        }
    }

    /** Identity within the rollout: two racing writers of the same entry write the same item once. */
    public String key() {
        return String.format("%013d#%010d#%s#%s", at.toEpochMilli(), version, kind, what.replace('#', '_'));
    }
}
