package dev.ringmaster.core.plan;

import java.util.Map;

/**
 * {@code spec.sources}: where each metric source is reached (CONTRACTS.md §6). Credentials are references
 * ({@code ssm:/…}, {@code secretsmanager:…}, {@code env:NAME}, {@code file:PATH}), never the secret itself. Each
 * entry is null when the plan does not configure that source; an adapter then takes its URL from the environment
 * ({@code RINGMASTER_PROMETHEUS_URL}, …) or says what is missing.
 */
public record Sources(Prometheus prometheus, Sentry sentry, PlayVitals playVitals, CloudWatch cloudwatch) {
    public static final Sources NONE = new Sources(null, null, null, null);

    /** @param headers sent with every query; a value may be a reference (an {@code Authorization} bearer token) */
    public record Prometheus(String url, Map<String, String> headers) {
        public Prometheus {
            headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }
    }

    /** @param url null: {@code https://sentry.io}; @param token a reference to an auth token */
    public record Sentry(String url, String org, String token) {
    }

    /** @param credentials a reference to a service-account key, or null: {@code GOOGLE_APPLICATION_CREDENTIALS} */
    public record PlayVitals(String credentials) {
    }

    public record CloudWatch(String region) {
    }
}
