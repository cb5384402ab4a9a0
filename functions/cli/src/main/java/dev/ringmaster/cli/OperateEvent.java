package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.rollout.Command;
import java.util.List;

/**
 * The event the deployed operate function takes (CONTRACTS.md §5, events/operate-*.json): the same fields in the
 * same order as the samples on-call pastes into the console; a field the command was not given is left out.
 */
final class OperateEvent {
    private OperateEvent() {
    }

    /** A command; {@code plan} is start's plan text, else null. */
    static ObjectNode of(String rolloutId, Command c, String plan) {
        ObjectNode e = base(c.type().key(), rolloutId, c.reason(), c.force(), c.operator());
        if (c.type() == Command.Type.START) {
            e.put("checklistConfirmed", c.checklistConfirmed());
            e.put("plan", plan);
        }
        putIfSet(e, "phase", c.phase());
        putIfSet(e, "cohort", c.cohort());
        putIfSet(e, "after", c.after());
        return e;
    }

    /** approve with the phase's approval checklist confirmed whole, or item by item. */
    static ObjectNode approve(String rolloutId, Command c) {
        ObjectNode e = of(rolloutId, c, null);
        if (c.checklistConfirmed()) {
            e.put("checklistConfirmed", true);
        }
        if (!c.checked().isEmpty()) {
            c.checked().forEach(e.putArray("checklist")::add);
        }
        return e;
    }

    /** A check metric's result (pass or fail) for the gates. */
    static ObjectNode report(String rolloutId, String metric, String result, String operator, String reason) {
        ObjectNode e = base("report", rolloutId, reason, false, operator);
        e.put("metric", metric);
        e.put("result", result);
        return e;
    }

    private static ObjectNode base(String command, String rolloutId, String reason, boolean force, String operator) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("command", command);
        e.put("rolloutId", rolloutId);
        putIfSet(e, "reason", reason);
        e.put("force", force);
        e.put("operator", operator);
        return e;
    }

    private static void putIfSet(ObjectNode e, String field, String value) {
        if (value != null) {
            e.put(field, value);
        }
    }
}
