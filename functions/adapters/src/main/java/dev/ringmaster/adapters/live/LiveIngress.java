package dev.ringmaster.adapters.live;

import dev.ringmaster.adapters.ingest.IngressConfig;
import dev.ringmaster.adapters.ingest.WebhookIngress;
import dev.ringmaster.core.signal.WebhookKind;
import dev.ringmaster.core.step.Ingest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The webhook ingress of a deployment or of {@code run --listen}: each kind's secret and Crashlytics' token checks from
 * the settings ({@code ringmaster.webhook.secret.<kind>}, which RINGMASTER_WEBHOOK_SECRET_<KIND> sets), references
 * resolved like every other credential (env:, file:, ssm:/, secretsmanager:).
 */
public final class LiveIngress {
    /** The Crashlytics settings, by the environment variable that also sets each. */
    private static final Map<String, String> CRASHLYTICS = Map.of(
            "ringmaster.webhook.crashlytics.audience", "RINGMASTER_WEBHOOK_CRASHLYTICS_AUDIENCE",
            "ringmaster.webhook.crashlytics.email", "RINGMASTER_WEBHOOK_CRASHLYTICS_EMAIL",
            "ringmaster.google.jwks-url", "RINGMASTER_GOOGLE_JWKS_URL");

    private LiveIngress() {
    }

    public static WebhookIngress from(Function<String, Optional<String>> setting, Map<String, String> env, Clock clock, Ingest ingest) {
        Map<String, String> values = new HashMap<>(env);
        for (WebhookKind kind : WebhookKind.values()) {
            setting.apply("ringmaster.webhook.secret." + kind.key).ifPresent(v -> values.put(kind.secretVariable(), v));
        }
        CRASHLYTICS.forEach((key, variable) -> setting.apply(key).ifPresent(v -> values.put(variable, v)));
        return new WebhookIngress(IngressConfig.from(values, AwsAccess.secrets(AwsAccess.of(setting, env), env, clock)), ingest, clock);
    }
}
