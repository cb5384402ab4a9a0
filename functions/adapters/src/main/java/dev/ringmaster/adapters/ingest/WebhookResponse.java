package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer to a webhook: its HTTP status, one line saying why (never a secret, a token or a stack trace), and what
 * was recorded or done, one line per rollout touched.
 */
public record WebhookResponse(int status, String message, List<String> applied) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public WebhookResponse {
        applied = applied == null ? List.of() : List.copyOf(applied);
    }

    /** {"status":401,"message":"…","applied":[…]}: the body the HTTP layer sends. */
    public String json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", status);
        o.put("message", message);
        ArrayNode lines = o.putArray("applied");
        applied.forEach(lines::add);
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook response: " + e.getOriginalMessage());
        }
    }
}
