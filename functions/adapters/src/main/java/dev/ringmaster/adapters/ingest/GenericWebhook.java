package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic signed webhook (bug trackers, CI, health checks): {@code {"id", "rollout" | "app"+"version", "kind",
 * "name"?, "metric"?, "count"?, "result"?, "severity"?, "firing"?, "summary"?}}. It never stops a rollout by itself:
 * trouble acts through the plan, a {@code metric} with {@code severity: critical} on a halt rule's metric.
 */
final class GenericWebhook implements Sender {
    /** A count large enough for any real batch of events, small enough to print whole in a history line. */
    static final double MAX_COUNT = 1_000_000;

    private final IngressConfig config;

    GenericWebhook(IngressConfig config) {
        this.config = config;
    }

    @Override
    public void authenticate(WebhookRequest request, Instant now) {
        SignedDelivery.verify(request, Secret.of(config, WebhookKind.GENERIC), now, config.tolerance());
    }

    @Override
    public List<Signal> signals(WebhookRequest request, JsonNode body, Instant now) {
        String id = SignedDelivery.eventId(request, body);
        String kind = Fields.optMatching(body, "kind", "", Fields.TOKEN, "a kind (a word such as sev1 or security-alert)");
        if (kind == null) {
            throw Refusal.missing("kind");
        }
        String name = Fields.optText(body, "name", "");
        if (name != null && name.length() > 128) {
            throw Refusal.field("name", Fields.shown(name), "is longer than 128 characters");
        }
        String metric = Fields.optMatching(body, "metric", "", Fields.METRIC, "a plan metric name");
        double count = Fields.optNumber(body, "count", "");
        if (Double.isNaN(count)) {
            count = 1;
        } else if (count < 0 || count > MAX_COUNT) {
            throw Refusal.field("count", Fields.shown(body.get("count")), "must be between 0 and " + (long) MAX_COUNT);
        }
        Boolean pass = result(Fields.optText(body, "result", ""));
        Severity severity = severity(Fields.optText(body, "severity", ""));
        boolean firing = bool(body, "firing", metric != null);
        String summary = Fields.optText(body, "summary", "");
        summary = Fields.clip(summary != null ? summary : "generic " + kind + (name == null ? "" : " " + name)
                + (pass == null ? "" : " " + (pass ? "pass" : "fail")), 200);
        return List.of(new Signal(WebhookKind.GENERIC, id, Naming.concerns(said(body), Naming.query(request.query())), now, kind,
                name == null ? null : Fields.clip(name, 128), metric, severity, firing, null, count, pass, summary));
    }

    /** {@code rollout}, or {@code app} and {@code version}, from a body's top-level fields. */
    static Naming.Said said(JsonNode body) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String key : List.of("rollout", "app", "version")) {
            String v = Fields.optText(body, key, "");
            if (v != null) {
                named.put(key, v);
            }
        }
        return Naming.from(named, "field `%s`");
    }

    private static Boolean result(String v) {
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "pass" -> true;
            case "fail" -> false;
            default -> throw Refusal.field("result", Fields.shown(v), "is not pass or fail");
        };
    }

    private static Severity severity(String v) {
        if (v == null) {
            return Severity.WARNING;
        }
        return switch (v) {
            case "critical" -> Severity.CRITICAL;
            case "warning" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> throw Refusal.field("severity", Fields.shown(v), "is not critical, warning or info");
        };
    }

    private static boolean bool(JsonNode body, String key, boolean absent) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw Refusal.field(key, Fields.shown(v), "is not true or false");
        }
        return v.asBoolean();
    }

    @Override
    public String howToName() {
        return "give `rollout` (or `app` and `version`) in the body, or put ?rollout=ID or ?app=APP on the webhook URL";
    }

    @Override
    public boolean acknowledgesDuplicates() {
        return false;
    }
}
