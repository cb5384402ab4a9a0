package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * App Store Connect webhooks (REFERENCE-signals §8): {@code x-apple-signature: hmacsha256=<hex HMAC-SHA256(secret, raw
 * body)>} with the secret given when the webhook was created, and a JSON:API body whose {@code data.type} names the
 * event and {@code data.id} the notification. Apple sends ids, not the app: the webhook URL names the rollout
 * ({@code ?rollout=} or {@code ?app=}). Apple has no timestamp in the signature, so replays are caught by the id.
 */
final class AppStoreWebhook implements Sender {
    static final String HEADER = "x-apple-signature";
    static final String PING = "webhookPingCreated";
    private static final String PREFIX = "hmacsha256=";
    private static final Set<String> REJECTED = Set.of("REJECTED", "METADATA_REJECTED", "INVALID_BINARY");
    private static final Set<String> REMOVED = Set.of("DEVELOPER_REMOVED_FROM_SALE", "REMOVED_FROM_SALE");

    private final IngressConfig config;

    AppStoreWebhook(IngressConfig config) {
        this.config = config;
    }

    @Override
    public void authenticate(WebhookRequest request, Instant now) {
        String secret = Secret.of(config, WebhookKind.APPSTORE);
        String header = request.header(HEADER);
        if (header == null || header.isBlank()) {
            throw Refusal.unauthorized("missing " + HEADER + " header (hmacsha256=<hex HMAC-SHA256 of the body>)");
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw Refusal.unauthorized(HEADER + " is not hmacsha256=<hex>");
        }
        byte[] presented = h.substring(PREFIX.length()).strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(hmac(secret, request.body()), presented)) {
            throw Refusal.unauthorized(HEADER + " does not match the body (a wrong secret, or the body was changed)");
        }
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public List<Signal> signals(WebhookRequest request, JsonNode body, Instant now) {
        JsonNode data = Fields.object(body, "data", "");
        String type = Fields.optMatching(data, "type", "data", Fields.TOKEN, "an event type");
        if (type == null) {
            throw Refusal.missing("data.type");
        }
        if (type.equals(PING)) {
            return List.of();
        }
        String id = EventIds.check(Fields.text(data, "id", "data"), "field `data.id`");
        JsonNode attributes = Fields.optObject(data, "attributes", "data");
        String oldValue = Fields.optMatching(attributes, "oldValue", "data.attributes", Fields.TOKEN, "a state");
        String newValue = Fields.optMatching(attributes, "newValue", "data.attributes", Fields.TOKEN, "a state");
        Event e = event(type, oldValue, newValue);
        return List.of(new Signal(WebhookKind.APPSTORE, id, Naming.concerns(Naming.query(request.query())), now, e.kind, newValue, null,
                e.stop == null ? Severity.INFO : Severity.CRITICAL, false, e.stop, 1, null, "App Store Connect: " + e.summary));
    }

    private record Event(String kind, Signal.Stop stop, String summary) {
    }

    private static Event event(String type, String oldValue, String newValue) {
        return switch (type) {
            case "appStoreVersionAppVersionStateUpdated" -> {
                String v = required(newValue);
                String change = change("version state", oldValue, v);
                yield REJECTED.contains(v) ? new Event("build-rejected", Signal.Stop.HALT, change)
                        : REMOVED.contains(v) ? new Event("removed-from-sale", Signal.Stop.HALT, change)
                        : new Event("appstore-version-state", null, change);
            }
            case "buildBetaDetailExternalBuildStateUpdated" -> {
                String v = required(newValue);
                String change = change("external beta build state", oldValue, v);
                yield v.equals("BETA_REJECTED") ? new Event("beta-rejected", Signal.Stop.HALT, change)
                        : new Event("beta-build-state", null, change);
            }
            case "buildUploadStateUpdated" -> {
                String v = required(newValue);
                yield new Event(v.equals("FAILED") ? "build-upload-failed" : "build-upload-state", null, change("build upload state", oldValue, v));
            }
            case "betaFeedbackCrashSubmissionCreated" -> new Event("testflight-crash", null, "a TestFlight tester sent a crash report");
            case "betaFeedbackScreenshotSubmissionCreated" -> new Event("testflight-feedback", null, "a TestFlight tester sent feedback");
            // UNVERIFIED: Apple's published event list has no phased-release event; its shape is assumed to be the other
            // state events' (attributes.oldValue/newValue), so a phased release paused in the console pauses the rollout.
            case "appStoreVersionPhasedReleaseStateUpdated" -> {
                String v = required(newValue);
                String change = change("phased release state", oldValue, v);
                yield v.equals("PAUSED") ? new Event("phased-release-paused", Signal.Stop.PAUSED_IN_STORE, change)
                        : new Event("phased-release-state", null, change);
            }
            // Apple adds event types: a new one is recorded under its own name, never dropped unseen.
            default -> new Event(type, null, type + (newValue == null ? "" : " " + change("state", oldValue, newValue)));
        };
    }

    private static String required(String newValue) {
        if (newValue == null) {
            throw Refusal.missing("data.attributes.newValue");
        }
        return newValue;
    }

    private static String change(String what, String oldValue, String newValue) {
        return what + " " + (oldValue == null ? "now " + newValue : oldValue + " → " + newValue);
    }

    @Override
    public String howToName() {
        return "put ?rollout=ID or ?app=APP_ID on the webhook's URL (App Store Connect events do not name the app)";
    }

    @Override
    public boolean acknowledgesDuplicates() {
        return false;
    }
}
