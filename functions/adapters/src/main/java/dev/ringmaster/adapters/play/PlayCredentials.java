package dev.ringmaster.adapters.play;

import dev.ringmaster.adapters.google.ServiceAccountTokens;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.port.RolloutTarget;
import java.util.Map;

/**
 * Access tokens for the Android Publisher API from a Google service-account key ({@link ServiceAccountTokens}). A key
 * that is missing, malformed or refused is a refusal that names where it came from; a token endpoint out of reach is
 * worth trying later.
 */
public final class PlayCredentials {
    static final String SCOPE = "https://www.googleapis.com/auth/androidpublisher";

    private final ServiceAccountTokens tokens;

    private PlayCredentials(ServiceAccountTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * The key JSON behind a credential reference ({@code file:/path/key.json}, {@code ssm:/…}, {@code env:NAME});
     * with no reference, the key file named by {@code GOOGLE_APPLICATION_CREDENTIALS} in {@code env}.
     */
    public static PlayCredentials fromReference(String reference, Secrets secrets, Map<String, String> env) {
        return new PlayCredentials(ServiceAccountTokens.fromReference(SCOPE, reference, secrets, env, "",
                "configure a credential reference or set GOOGLE_APPLICATION_CREDENTIALS to the key file"));
    }

    /** The key JSON itself (the stand-in's generated key, a key already fetched by the caller). */
    public static PlayCredentials fromKeyJson(String keyJson) {
        return new PlayCredentials(ServiceAccountTokens.fromKeyJson(SCOPE, keyJson));
    }

    /** The cached access token, fetched anew when it has expired. */
    String token() {
        try {
            return tokens.token();
        } catch (ServiceAccountTokens.NoToken e) {
            throw mapped(e);
        }
    }

    /** A new access token whatever the cache holds: the API answered 401 to the cached one. */
    String refreshedToken() {
        try {
            return tokens.refreshed();
        } catch (ServiceAccountTokens.NoToken e) {
            throw mapped(e);
        }
    }

    private static RuntimeException mapped(ServiceAccountTokens.NoToken e) {
        return e.permanent() ? new RolloutTarget.Refused(e.getMessage()) : new RolloutTarget.Unavailable(e.getMessage());
    }
}
