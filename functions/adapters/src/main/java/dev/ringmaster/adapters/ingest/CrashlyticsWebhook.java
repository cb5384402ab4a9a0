package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Firebase Crashlytics alerts relayed by a Pub/Sub push subscription (REFERENCE-signals §7): Google's OIDC token
 * proves the push ({@link GoogleIdToken}); {@code message.data} is the base64 of the alert's data
 * ({@code {createTime, endTime, payload}}) and the attribute {@code alerttype} says which alert it is (else the
 * payload's {@code @type}). A velocity or regression alert halts the rollout of that version; the rest is recorded.
 * Pub/Sub redelivers until acknowledged, so a replay is answered 200.
 */
final class CrashlyticsWebhook implements Sender {
    private static final String PAYLOAD_TYPE = "type.googleapis.com/google.events.firebase.firebasealerts.v1.";
    /** payload {@code @type} → alert type, for a message relayed without its attributes */
    private static final Map<String, String> TYPES = Map.of(
            PAYLOAD_TYPE + "CrashlyticsNewFatalIssuePayload", "crashlytics.newFatalIssue",
            PAYLOAD_TYPE + "CrashlyticsNewNonfatalIssuePayload", "crashlytics.newNonfatalIssue",
            PAYLOAD_TYPE + "CrashlyticsNewAnrIssuePayload", "crashlytics.newAnrIssue",
            PAYLOAD_TYPE + "CrashlyticsRegressionAlertPayload", "crashlytics.regression",
            PAYLOAD_TYPE + "CrashlyticsVelocityAlertPayload", "crashlytics.velocity",
            PAYLOAD_TYPE + "CrashlyticsStabilityDigestPayload", "crashlytics.stabilityDigest");
    private static final String DATA = "message.data→";

    private final IngressConfig config;
    private final GoogleIdToken tokens;

    CrashlyticsWebhook(IngressConfig config) {
        this.config = config;
        this.tokens = new GoogleIdToken(config.googleJwksUrl());
    }

    @Override
    public void authenticate(WebhookRequest request, Instant now) {
        if (config.crashlyticsAudience() == null || config.crashlyticsEmail() == null) {
            throw Refusal.unauthorized("the crashlytics webhook is not configured: set " + IngressConfig.AUDIENCE_VARIABLE
                    + " (the push subscription's audience) and " + IngressConfig.EMAIL_VARIABLE + " (its service account)");
        }
        String token = Bearer.token(request, "the push subscription must have an OIDC token (pushConfig.oidcToken)");
        tokens.verify(token, config.crashlyticsAudience(), config.crashlyticsEmail(), now);
    }

    @Override
    public List<Signal> signals(WebhookRequest request, JsonNode body, Instant now) {
        JsonNode message = Fields.object(body, "message", "");
        String id = Fields.optText(message, "messageId", "message");
        id = id != null ? id : Fields.optText(message, "message_id", "message");
        if (id == null) {
            throw Refusal.missing("message.messageId");
        }
        id = EventIds.check(id, "field `message.messageId`");
        Map<String, String> attributes = Fields.strings(message, "attributes", "message");
        JsonNode data = decoded(Fields.text(message, "data", "message"));
        JsonNode payload = Fields.object(data, "payload", DATA);
        String payloadType = Fields.optText(payload, "@type", DATA + "payload");
        String type = Fields.matching(attributes.get("alerttype"), "message.attributes.alerttype", Fields.TOKEN, "an alert type");
        if (type == null && payloadType != null) {
            type = TYPES.get(payloadType);
        }
        if (type == null) {
            throw Refusal.field("message.attributes.alerttype", null, "missing, and " + DATA + "payload.@type "
                    + (payloadType == null ? "missing" : Fields.shown(payloadType) + " is no Crashlytics alert"));
        }
        JsonNode issue = Fields.optObject(payload, "issue", DATA + "payload");
        String issuePath = DATA + "payload.issue";
        String version = Naming.checkVersion(Fields.optText(issue, "appVersion", issuePath), issuePath + ".appVersion");
        String issueId = Fields.optMatching(issue, "id", issuePath, Fields.TOKEN, "an issue id");
        String title = Fields.optText(issue, "title", issuePath);
        double crashes = Fields.optNumber(payload, "crashCount", DATA + "payload");
        double percent = Fields.optNumber(payload, "crashPercentage", DATA + "payload");
        boolean halts = type.equals("crashlytics.velocity") || type.equals("crashlytics.regression");
        String summary = "Crashlytics " + type.substring(type.indexOf('.') + 1) + (title == null ? "" : ": " + title)
                + (version == null ? "" : " in " + version)
                + (Double.isNaN(crashes) ? "" : ", " + Numbers.plain(crashes) + " crashes")
                + (Double.isNaN(percent) ? "" : " (" + Numbers.plain(percent) + " % of sessions)");
        Naming.Said alert = new Naming.Said(null, null, version);
        return List.of(new Signal(WebhookKind.CRASHLYTICS, id, Naming.concerns(alert, Naming.query(request.query())), now, type, issueId, null,
                halts ? Severity.CRITICAL : Severity.WARNING, false, halts ? Signal.Stop.HALT : null, 1, null, Fields.clip(summary, 200)));
    }

    private static JsonNode decoded(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw Refusal.field("message.data", Fields.shown(base64), "is not base64");
        }
        try {
            return Fields.object(bytes, "the decoded message.data");
        } catch (Refusal r) {
            throw new Refusal(400, "field `message.data`: " + r.getMessage());
        }
    }

    @Override
    public String howToName() {
        return "put ?rollout=ID or ?app=APP on the push subscription's endpoint URL (the alert's issue.appVersion gives the version)";
    }

    @Override
    public boolean acknowledgesDuplicates() {
        return true;
    }
}
