package dev.ringmaster.adapters.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.notify.MessageText;
import dev.ringmaster.core.port.Notifier.Details;
import dev.ringmaster.core.port.Notifier.Instruction;
import dev.ringmaster.core.port.Notifier.Message;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The signed webhook's JSON body (docs/notify-channels.md): every key always present, {@code null} when the
 * message has no value for it, so receivers can rely on the shape. {@code id} is the same for the same message
 * content, so a receiver drops a redelivery by it.
 */
public final class WebhookPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {
    }

    /** "android-2-1-0.halted.3f1c…": rollout, event and the start of a SHA-256 of everything but the send time. */
    public static String id(Message m) {
        ObjectNode content = fields(m);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(content));
            return m.rolloutId() + "." + m.event().key + "." + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the message: " + e.getClass().getSimpleName());
        }
    }

    /** The exact bytes sent and signed. */
    public static byte[] json(Message m, Instant sentAt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id(m));
        body.setAll(fields(m));
        body.put("sentAt", sentAt.toString());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook body: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode fields(Message m) {
        Details d = m.details();
        ObjectNode o = JSON.createObjectNode();
        o.put("rolloutId", m.rolloutId());
        o.put("event", m.event().key);
        o.put("severity", m.severity().key());
        o.put("title", m.title());
        o.put("text", m.text());
        o.put("app", d.app());
        o.put("version", d.version());
        o.put("phase", d.phase());
        o.put("audience", d.audience());
        o.put("state", d.state());
        o.set("verdicts", strings(d.verdicts()));
        o.set("reasons", strings(d.reasons()));
        o.put("next", d.next());
        ArrayNode commands = o.putArray("commands");
        for (Instruction i : d.commands()) {
            commands.addObject().put("label", i.label()).put("cli", i.cli()).put("operateEvent", i.operateEvent());
        }
        o.put("plain", MessageText.plain(m));
        return o;
    }

    private static JsonNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
