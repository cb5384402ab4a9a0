package dev.ringmaster.adapters.ingest;

import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.signal.WebhookKind;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the webhook ingress needs to know: each kind's secret (a reference, or locally the secret itself), who may sign
 * Crashlytics' Pub/Sub pushes, and the limits every delivery is held to.
 *
 * @param secrets             by kind, the setting of its {@link WebhookKind#secretVariable()}: a reference
 *                            ({@link Secrets#isReference}) resolved on use, so a rotated secret is picked up, or the
 *                            secret itself; a kind without one is refused
 * @param crashlyticsAudience the exact {@code aud} the push subscription's OIDC token carries
 * @param crashlyticsEmail    the push subscription's service account: the token's {@code email}
 * @param googleJwksUrl       where Google publishes the keys its ID tokens are signed with
 * @param maxBodyBytes        larger bodies are refused (413) unread
 * @param tolerance           how far a signed timestamp may be from this clock, either way
 */
public record IngressConfig(Map<WebhookKind, String> secrets, Secrets resolver, String crashlyticsAudience, String crashlyticsEmail,
                            URI googleJwksUrl, int maxBodyBytes, Duration tolerance) {
    public static final String AUDIENCE_VARIABLE = "RINGMASTER_WEBHOOK_CRASHLYTICS_AUDIENCE";
    public static final String EMAIL_VARIABLE = "RINGMASTER_WEBHOOK_CRASHLYTICS_EMAIL";
    public static final String JWKS_VARIABLE = "RINGMASTER_GOOGLE_JWKS_URL";
    public static final URI GOOGLE_JWKS = URI.create("https://www.googleapis.com/oauth2/v3/certs");
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** Stripe's default, and REFERENCE-signals §11's: a signed delivery more than five minutes off is refused. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    public IngressConfig {
        secrets = Map.copyOf(secrets);
    }

    /** From the environment: each kind's {@code RINGMASTER_WEBHOOK_SECRET_<KIND>}, the Crashlytics settings, Google's keys. */
    public static IngressConfig from(Map<String, String> env, Secrets secrets) {
        Map<WebhookKind, String> settings = new EnumMap<>(WebhookKind.class);
        for (WebhookKind kind : WebhookKind.values()) {
            String v = env.get(kind.secretVariable());
            if (v != null && !v.isBlank()) {
                settings.put(kind, v.strip());
            }
        }
        String jwks = env.get(JWKS_VARIABLE);
        URI keys = GOOGLE_JWKS;
        if (jwks != null && !jwks.isBlank()) {
            try {
                keys = URI.create(jwks.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(JWKS_VARIABLE + " '" + jwks + "' is not a URL");
            }
            if (!"https".equals(keys.getScheme()) && !"http".equals(keys.getScheme()) || keys.getHost() == null) {
                throw new IllegalArgumentException(JWKS_VARIABLE + " '" + jwks + "' is not an http(s) URL");
            }
        }
        return new IngressConfig(settings, secrets, blankToNull(env.get(AUDIENCE_VARIABLE)), blankToNull(env.get(EMAIL_VARIABLE)), keys,
                MAX_BODY_BYTES, TOLERANCE);
    }

    /**
     * The secret of {@code kind}, empty when none is set. A reference is resolved now (the resolver keeps values a
     * while); its failure ({@link Secrets.Unresolved}, or the store's unavailability) names the reference, never a value.
     */
    public Optional<String> secret(WebhookKind kind) {
        String setting = secrets.get(kind);
        if (setting == null) {
            return Optional.empty();
        }
        return Optional.of(Secrets.isReference(setting) ? resolver.resolve(setting) : setting);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Which kinds have a secret, never the secrets: a config that reaches a log leaks nothing. */
    @Override
    public String toString() {
        return "IngressConfig[secrets for " + secrets.keySet() + ", crashlyticsAudience=" + crashlyticsAudience + ", crashlyticsEmail="
                + crashlyticsEmail + ", googleJwksUrl=" + googleJwksUrl + ", maxBodyBytes=" + maxBodyBytes + ", tolerance=" + tolerance + "]";
    }
}
