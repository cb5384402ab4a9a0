package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.adapters.webhook.WebhookSignature;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code Ringmaster-Signature: t=…,v1=…} scheme (REFERENCE-signals §11) as a receiver checks it, for the canary-diff
 * and generic webhooks: the age of {@code t} first, so a stale delivery is told its age, then the HMAC over
 * {@code "t.body"} ({@link WebhookSignature#verify}, constant time, any {@code v1} while a secret rotates).
 */
final class SignedDelivery {
    private static final String HEADER = WebhookSignature.HEADER;

    private SignedDelivery() {
    }

    static void verify(WebhookRequest request, String secret, Instant now, Duration tolerance) {
        String header = request.header(HEADER);
        if (header == null || header.isBlank()) {
            throw Refusal.unauthorized("missing " + HEADER + " header (t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">)");
        }
        Long t = timestamp(header);
        if (t == null) {
            throw Refusal.unauthorized(HEADER + " has no t=<unix seconds>");
        }
        long age = now.getEpochSecond() - t;
        if (Math.abs(age) > tolerance.toSeconds()) {
            throw Refusal.unauthorized(HEADER + " was made " + (age > 0 ? age + " s ago" : -age + " s in the future") + ": more than "
                    + tolerance.toSeconds() + " s off this clock, so it is refused (a replay, or a sender's clock is wrong)");
        }
        if (!WebhookSignature.verify(request.body(), header, secret, now, tolerance)) {
            throw Refusal.unauthorized(HEADER + " does not match the body (a wrong secret, or the body was changed)");
        }
    }

    private static Long timestamp(String header) {
        for (String part : header.split(",")) {
            String p = part.strip();
            if (p.startsWith("t=")) {
                try {
                    return Long.parseLong(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The event id: the body's {@code id} (it is signed), else the {@code Ringmaster-Event-Id} header; one is required,
     * and when both are given they must agree.
     */
    static String eventId(WebhookRequest request, JsonNode body) {
        String fromBody = Fields.optText(body, "id", "");
        String fromHeader = request.header(WebhookSignature.EVENT_ID_HEADER);
        fromHeader = fromHeader == null || fromHeader.isBlank() ? null : fromHeader.strip();
        if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
            throw new Refusal(400, "header " + WebhookSignature.EVENT_ID_HEADER + " " + Fields.shown(fromHeader) + " and field `id` "
                    + Fields.shown(fromBody) + " differ: send one id per event");
        }
        String id = fromBody != null ? fromBody : fromHeader;
        if (id == null) {
            throw new Refusal(400, "no event id: give field `id` in the body or the header " + WebhookSignature.EVENT_ID_HEADER
                    + " (the same id for every delivery of one event)");
        }
        return EventIds.check(id, fromBody != null ? "field `id`" : "header " + WebhookSignature.EVENT_ID_HEADER);
    }
}
