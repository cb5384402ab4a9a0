package dev.ringmaster.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.RolloutEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RolloutEvent} as the {@code detail} of an EventBridge event (CONTRACTS.md §5):
 * {@code {"rolloutId","version","decision","action","event","phase","phaseIndex","reasons","operator","at"}}.
 * EventBridge rules match on {@code detail.action}, so it is always present. Written and read as a JSON tree
 * so every missing or bad field is named.
 */
public final class RolloutEventJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private RolloutEventJson() {
    }

    public static ObjectNode write(RolloutEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("rolloutId", e.rolloutId());
        n.put("version", e.version());
        n.put("decision", e.cause());
        n.put("action", e.action().name());
        n.put("event", e.event().key);
        n.put("phase", e.phase());
        n.put("phaseIndex", e.phaseIndex());
        ArrayNode reasons = n.putArray("reasons");
        e.reasons().forEach(reasons::add);
        n.put("operator", e.operator());
        if (e.at() != null) {
            n.put("at", e.at().toString());
        }
        return n;
    }

    public static String text(RolloutEvent e) {
        return write(e).toString();
    }

    /** Reads a detail; {@link IllegalArgumentException} naming the field when it is not a rollout event. */
    public static RolloutEvent read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("detail: a rollout event must be a JSON object, not " + n);
        }
        String rolloutId = text(n, "rolloutId", true);
        JsonNode v = n.get("version");
        if (v == null || !v.canConvertToLong()) {
            throw new IllegalArgumentException("detail.version: must be a whole number, not " + v);
        }
        String actionText = text(n, "action", false);
        Action action;
        try {
            action = actionText == null ? Action.NONE : Action.valueOf(actionText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detail.action: '" + actionText + "' is none of " + List.of(Action.values()));
        }
        List<String> reasons = new ArrayList<>();
        JsonNode rs = n.path("reasons");
        if (rs.isArray()) {
            rs.forEach(r -> reasons.add(r.asText()));
        }
        Instant at = null;
        String atText = text(n, "at", false);
        if (atText != null) {
            try {
                at = Instant.parse(atText);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("detail.at: '" + atText + "' is not an ISO-8601 instant");
            }
        }
        String eventText = text(n, "event", true);
        NotifyEvent event = NotifyEvent.of(eventText).orElseThrow(() -> new IllegalArgumentException("detail.event: '" + eventText
                + "' is none of " + NotifyEvent.keys()));
        try {
            return RolloutEvent.of(rolloutId, v.asLong(), text(n, "decision", true), action, event, text(n, "phase", false),
                    n.path("phaseIndex").asInt(0), reasons, text(n, "operator", false), at);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detail." + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode f = n.get(field);
        if (f == null || f.isNull()) {
            if (required) {
                throw new IllegalArgumentException("detail." + field + ": missing");
            }
            return null;
        }
        return f.asText();
    }
}
