package dev.ringmaster.adapters.playvitals;

import dev.ringmaster.adapters.google.ServiceAccountTokens;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.port.MetricSource;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Access tokens for the Play Developer Reporting API from a Google service-account key ({@link ServiceAccountTokens}):
 * a plain {@link Supplier} for {@link PlayVitalsMetricSource}, plus {@link #refreshed()}, which the source calls when
 * the API answers 401 to the cached token. Any failure leaves the metric unreadable this tick, saying why.
 */
public final class PlayReportingToken implements Supplier<String> {
    public static final String SCOPE = "https://www.googleapis.com/auth/playdeveloperreporting";

    private final ServiceAccountTokens tokens;

    private PlayReportingToken(ServiceAccountTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * The key behind a credential reference (spec.sources.play-vitals.credentials: {@code file:}, {@code env:},
     * {@code ssm:/…}, {@code secretsmanager:…}); with none, the key file named by {@code GOOGLE_APPLICATION_CREDENTIALS}.
     */
    public static PlayReportingToken fromReference(String reference, Secrets secrets, Map<String, String> env) {
        return new PlayReportingToken(ServiceAccountTokens.fromReference(SCOPE, reference, secrets, env, " for Play vitals",
                "set spec.sources.play-vitals.credentials to a reference, or GOOGLE_APPLICATION_CREDENTIALS to the key file"));
    }

    /** The key JSON itself (a stand-in's generated key). */
    public static PlayReportingToken fromKeyJson(String keyJson) {
        return new PlayReportingToken(ServiceAccountTokens.fromKeyJson(SCOPE, keyJson));
    }

    /** The cached token, fetched anew when it has expired. */
    @Override
    public String get() {
        try {
            return tokens.token();
        } catch (ServiceAccountTokens.NoToken e) {
            throw new MetricSource.Unavailable(e.getMessage());
        }
    }

    /** A new token whatever the cache holds: the API refused the cached one. */
    public String refreshed() {
        try {
            return tokens.refreshed();
        } catch (ServiceAccountTokens.NoToken e) {
            throw new MetricSource.Unavailable(e.getMessage());
        }
    }
}
