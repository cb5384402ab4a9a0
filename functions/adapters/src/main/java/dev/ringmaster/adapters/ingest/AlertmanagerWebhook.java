package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prometheus Alertmanager's webhook, version 4 (REFERENCE-signals §9). It does not sign its body, so it proves itself
 * with {@code Authorization: Bearer <token>} ({@code http_config.authorization.credentials}). One signal per alert: an
 * alert names its rollout with the label {@code rollout} (or {@code app} and {@code version}) and the plan metric it
 * is about with {@code metric}; a firing critical one on a halt rule's metric acts at once.
 */
final class AlertmanagerWebhook implements Sender {
    private final IngressConfig config;

    AlertmanagerWebhook(IngressConfig config) {
        this.config = config;
    }

    @Override
    public void authenticate(WebhookRequest request, Instant now) {
        String secret = Secret.of(config, WebhookKind.ALERTMANAGER);
        String token = Bearer.token(request, "set http_config.authorization.credentials in Alertmanager's webhook_config");
        if (!Secret.matches(token, secret)) {
            throw Refusal.unauthorized("the bearer token does not match " + WebhookKind.ALERTMANAGER.secretVariable());
        }
    }

    @Override
    public List<Signal> signals(WebhookRequest request, JsonNode body, Instant now) {
        String version = Fields.optText(body, "version", "");
        if (version != null && !version.equals("4")) {
            throw Refusal.field("version", Fields.shown(version), "is not 4: only Alertmanager's webhook version 4 is read");
        }
        Naming.Said common = Naming.from(Fields.strings(body, "commonLabels", ""), "field `commonLabels.%s`");
        Naming.Said query = Naming.query(request.query());
        JsonNode alerts = body.get("alerts");
        if (alerts == null || alerts.isNull()) {
            throw Refusal.missing("alerts");
        }
        if (!alerts.isArray() || alerts.isEmpty()) {
            throw Refusal.field("alerts", Fields.shown(alerts), "is not a list of alerts");
        }
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            out.add(alert(alerts.get(i), "alerts[" + i + "]", common, query, now));
        }
        return out;
    }

    private static Signal alert(JsonNode a, String path, Naming.Said common, Naming.Said query, Instant now) {
        if (!a.isObject()) {
            throw Refusal.field(path, Fields.shown(a), "is not an alert object");
        }
        String status = Fields.text(a, "status", path);
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw Refusal.field(path + ".status", Fields.shown(status), "is not firing or resolved");
        }
        Map<String, String> labels = Fields.strings(a, "labels", path);
        String labelsPath = path + ".labels";
        String fingerprint = Fields.text(a, "fingerprint", path);
        String startsAt = Fields.text(a, "startsAt", path);
        try {
            OffsetDateTime.parse(startsAt);
        } catch (DateTimeParseException e) {
            throw Refusal.field(path + ".startsAt", Fields.shown(startsAt), "is not an RFC 3339 time");
        }
        String eventId = EventIds.check(fingerprint + "@" + startsAt + "#" + status, "field `" + path + ".fingerprint`");
        String metric = Fields.matching(blankToNull(labels.get("metric")), labelsPath + ".metric", Fields.METRIC, "a plan metric name");
        String kind = Fields.matching(blankToNull(labels.get("kind")), labelsPath + ".kind", Fields.TOKEN, "a kind (one word)");
        String alertname = blankToNull(labels.get("alertname"));
        Map<String, String> annotations = Fields.strings(a, "annotations", path);
        String about = blankToNull(annotations.getOrDefault("summary", annotations.get("description")));
        boolean firing = status.equals("firing");
        String summary = Fields.clip((alertname == null ? "alert" : alertname) + (about == null ? "" : ": " + about)
                + (firing ? "" : " (resolved)"), 160);
        return new Signal(WebhookKind.ALERTMANAGER, eventId,
                Naming.concerns(Naming.from(labels, "field `" + labelsPath + ".%s`"), common, query), now,
                kind == null ? "alert" : kind, alertname == null ? null : Fields.clip(alertname, 128), metric,
                severity(labels.get("severity")), firing, null, firing ? 1 : 0, null, summary);
    }

    /** Alertmanager's severities are the team's own words: critical and "page" act, info informs, anything else warns. */
    static Severity severity(String label) {
        String s = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "critical", "page" -> Severity.CRITICAL;
            case "info" -> Severity.INFO;
            default -> Severity.WARNING;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String howToName() {
        return "label the alert `rollout` (or `app` and `version`), or put ?rollout=ID or ?app=APP on the webhook URL";
    }

    @Override
    public boolean acknowledgesDuplicates() {
        return true;
    }
}
