package dev.ringmaster.core.signal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who sent a webhook: the {kind} of {@code POST /webhooks/{kind}}, each with its own proof of origin. */
public enum WebhookKind {
    /** App Store Connect webhooks: {@code x-apple-signature: hmacsha256=<hex>} over the raw body. */
    APPSTORE("appstore"),
    /** Firebase Crashlytics alerts relayed by a Pub/Sub push subscription: a Google-signed OIDC bearer token. */
    CRASHLYTICS("crashlytics"),
    /** Prometheus Alertmanager: a bearer token (Alertmanager does not sign its body). */
    ALERTMANAGER("alertmanager"),
    /** Canary-diff results from the pipeline: the signed-webhook scheme. */
    CANARY_DIFF("canary-diff"),
    /** Anything else (bug trackers, CI, health checks): {@code Ringmaster-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")}. */
    GENERIC("generic");

    public final String key;

    WebhookKind(String key) {
        this.key = key;
    }

    public static Optional<WebhookKind> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The environment variable holding this kind's secret locally: RINGMASTER_WEBHOOK_SECRET_CANARY_DIFF. */
    public String secretVariable() {
        return "RINGMASTER_WEBHOOK_SECRET_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(k -> k.key).toList());
    }
}
