package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A canary-diff run posted by the pipeline, signed like the generic webhook: one run of the results document the
 * {@code canary-diff} source reads (docs/sources.md: {@code at}, {@code samples}, {@code mismatches}, {@code diffs},
 * {@code outliers}, held to the same rules) with {@code id}, {@code rollout} (or the document's {@code rolloutId}, or
 * {@code app} and {@code version}) and an optional {@code runId}. Recorded as kind "canary-diff", counting its mismatches.
 */
final class CanaryDiffWebhook implements Sender {
    private final IngressConfig config;

    CanaryDiffWebhook(IngressConfig config) {
        this.config = config;
    }

    @Override
    public void authenticate(WebhookRequest request, Instant now) {
        SignedDelivery.verify(request, Secret.of(config, WebhookKind.CANARY_DIFF), now, config.tolerance());
    }

    @Override
    public List<Signal> signals(WebhookRequest request, JsonNode body, Instant now) {
        String id = SignedDelivery.eventId(request, body);
        long samples = whole(body, "samples");
        long mismatches = whole(body, "mismatches");
        if (mismatches > samples) {
            throw Refusal.field("mismatches", "`" + mismatches + "`", "is more than its samples " + samples);
        }
        String at = Fields.optText(body, "at", "");
        if (at != null) {
            try {
                Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw Refusal.field("at", Fields.shown(at), "is not an ISO-8601 UTC time (2026-05-01T10:00:00Z)");
            }
        }
        numbers(body, "diffs");
        objects(body, "outliers");
        String runId = Fields.optMatching(body, "runId", "", Fields.TOKEN, "a run id (one word)");
        String version = Naming.checkVersion(Fields.optText(body, "version", ""), "version");
        // the results document names its rollout rolloutId: accepted too, so the pipeline can post a run of it as it is
        Naming.Said document = new Naming.Said(Naming.checkRollout(Fields.optText(body, "rolloutId", ""), "rolloutId"), null, null);
        String summary = mismatches + " of " + samples + " responses differed" + (version == null ? "" : " (" + version + ")");
        return List.of(new Signal(WebhookKind.CANARY_DIFF, id, Naming.concerns(GenericWebhook.said(body), document, Naming.query(request.query())),
                now, "canary-diff", runId, null, Severity.WARNING, false, null, mismatches, null, summary));
    }

    /** A whole, non-negative count (3.0 is 3, 2.5 is refused), as the canary-diff source reads it. */
    private static long whole(JsonNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            throw Refusal.missing(key);
        }
        double d = v.asDouble();
        if (!v.isNumber() || d < 0 || d != Math.rint(d) || d > Long.MAX_VALUE / 2.0) {
            throw Refusal.field(key, Fields.shown(v), "must be a whole number ≥ 0");
        }
        return v.asLong();
    }

    private static void numbers(JsonNode body, String key) {
        JsonNode d = body.get(key);
        if (d == null || d.isNull()) {
            return;
        }
        if (!d.isArray()) {
            throw Refusal.field(key, Fields.shown(d), "is not a list of numbers");
        }
        for (int i = 0; i < d.size(); i++) {
            if (!d.get(i).isNumber()) {
                throw Refusal.field(key + "[" + i + "]", Fields.shown(d.get(i)), "is not a number");
            }
        }
    }

    private static void objects(JsonNode body, String key) {
        JsonNode o = body.get(key);
        if (o == null || o.isNull()) {
            return;
        }
        if (!o.isArray()) {
            throw Refusal.field(key, Fields.shown(o), "is not a list");
        }
        for (int i = 0; i < o.size(); i++) {
            if (!o.get(i).isObject()) {
                throw Refusal.field(key + "[" + i + "]", Fields.shown(o.get(i)), "is not an object");
            }
        }
    }

    @Override
    public String howToName() {
        return "give `rollout` (or `rolloutId`, or `app` and `version`) in the body, or put ?rollout=ID or ?app=APP on the webhook URL";
    }

    @Override
    public boolean acknowledgesDuplicates() {
        return false;
    }
}
