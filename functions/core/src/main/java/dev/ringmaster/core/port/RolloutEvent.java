package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.DecisionType;
import java.time.Instant;
import java.util.List;

/**
 * A decision or transition as it travels on the bus (CONTRACTS.md §5, detail of an EventBridge event). Every
 * event is first stored as an {@link Intent} in the same transaction as the state change it follows from.
 *
 * @param version   the rollout version this event belongs to (after its transition)
 * @param decision  the tick's decision, or null when a command caused the event
 * @param command   the command that caused it, or null for a tick's decision
 * @param event     the plan's notify event
 * @param operator  "ringmaster" for tick decisions, otherwise who gave the command
 */
public record RolloutEvent(String rolloutId, long version, DecisionType decision, Command.Type command, Action action,
                           NotifyEvent event, String phase, int phaseIndex, List<String> reasons, String operator, Instant at) {
    public RolloutEvent {
        reasons = List.copyOf(reasons);
        if ((decision == null) == (command == null)) {
            throw new IllegalArgumentException("a rollout event has a decision or a command, not " + decision + " and " + command);
        }
    }

    /**
     * An event as it was written: {@code cause} is a decision (HALT, …) or a command (pause, mark-fixed, …);
     * anything else is an IllegalArgumentException that names it.
     */
    public static RolloutEvent of(String rolloutId, long version, String cause, Action action, NotifyEvent event, String phase,
                                  int phaseIndex, List<String> reasons, String operator, Instant at) {
        for (DecisionType d : DecisionType.values()) {
            if (d.name().equals(cause)) {
                return new RolloutEvent(rolloutId, version, d, null, action, event, phase, phaseIndex, reasons, operator, at);
            }
        }
        for (Command.Type c : Command.Type.values()) {
            if (c.key().equals(cause)) {
                return new RolloutEvent(rolloutId, version, null, c, action, event, phase, phaseIndex, reasons, operator, at);
            }
        }
        throw new IllegalArgumentException("decision: '" + cause + "' is neither a decision " + java.util.Arrays.toString(DecisionType.values())
                + " nor a command " + java.util.Arrays.stream(Command.Type.values()).map(Command.Type::key).toList());
    }

    /** {@code detail.decision} on the bus: HALT, ADVANCE, … for decisions; start, pause, … for commands. */
    public String cause() {
        return decision != null ? decision.name() : command.key();
    }

    /** The intent this event realises: one per version, so a redelivered event finds the same one. */
    public String intentId() {
        return "v" + version;
    }

    /** This event for notify-channel only: its action is settled or overtaken, its message still owed. */
    public RolloutEvent notificationOnly() {
        return new RolloutEvent(rolloutId, version, decision, command, Action.NONE, event, phase, phaseIndex, reasons, operator, at);
    }
}
