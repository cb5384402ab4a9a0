package dev.ringmaster.core.port;

import java.time.Instant;
import java.util.List;

/**
 * A decision or transition as it travels on the bus (CONTRACTS.md §5, detail of an EventBridge event).
 *
 * @param version   the rollout version this event belongs to (after its transition)
 * @param decision  the decision (HOLD, ADVANCE, …) or the command (start, pause, …) that caused it
 * @param event     the plan's notify event name: advanced, halted, rolled-back, completed, approval-needed, …
 * @param operator  "ringmaster" for tick decisions, otherwise who gave the command
 */
public record RolloutEvent(String rolloutId, long version, String decision, Action action, String event, String phase,
                           int phaseIndex, List<String> reasons, String operator, Instant at) {
    public RolloutEvent {
        reasons = List.copyOf(reasons);
    }
}
