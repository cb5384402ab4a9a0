package dev.ringmaster.adapters.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.ringmaster.adapters.secrets.Secrets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Access tokens for one Google API scope from a service-account key, through Google's auth library: it signs the
 * JWT, posts it to the key's {@code token_uri} and caches the token until it is about to expire. The key is read on
 * first use (a Lambda that never calls Google never resolves it). Neither key nor token ever appears in a message:
 * a failure names where the key came from and the service account's email. Each API's adapter maps {@link NoToken}
 * to its own port's exception.
 */
public final class ServiceAccountTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String scope;
    private final String source;
    private final Supplier<String> keyJson;
    private ServiceAccountCredentials credentials;

    /** No token: {@code permanent} unless the token endpoint could not be reached (worth trying later). */
    public static final class NoToken extends RuntimeException {
        private final boolean permanent;

        NoToken(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    private ServiceAccountTokens(String scope, String source, Supplier<String> keyJson) {
        this.scope = scope;
        this.source = source;
        this.keyJson = keyJson;
    }

    /**
     * The key JSON behind a credential reference ({@code file:/path/key.json}, {@code ssm:/…}, {@code env:NAME}); with
     * no reference, the key file named by {@code GOOGLE_APPLICATION_CREDENTIALS} in {@code env}.
     *
     * @param forWhat what the key is for, in messages: "" or " for Play vitals"
     * @param hint    where to configure a key, when there is none
     */
    public static ServiceAccountTokens fromReference(String scope, String reference, Secrets secrets, Map<String, String> env, String forWhat,
                                                     String hint) {
        String noKey = "no Google service-account key" + forWhat + ": ";
        if (reference != null && !reference.isBlank()) {
            return new ServiceAccountTokens(scope, reference, () -> {
                try {
                    return secrets.resolve(reference);
                } catch (Secrets.Unresolved e) {
                    throw new NoToken(noKey + e.getMessage(), true);
                }
            });
        }
        String path = env.get("GOOGLE_APPLICATION_CREDENTIALS");
        String source = "GOOGLE_APPLICATION_CREDENTIALS=" + path;
        return new ServiceAccountTokens(scope, source, () -> {
            if (path == null || path.isBlank()) {
                throw new NoToken(noKey + hint, true);
            }
            try {
                return Files.readString(Path.of(path), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new NoToken(noKey + "cannot read " + source + " ("
                        + e.getClass().getSimpleName() + ")", true);
            }
        });
    }

    /** The key JSON itself (a stand-in's generated key, a key already fetched by the caller). */
    public static ServiceAccountTokens fromKeyJson(String scope, String keyJson) {
        return new ServiceAccountTokens(scope, "the given key", () -> keyJson);
    }

    /** The cached access token, fetched anew when it has expired. */
    public synchronized String token() {
        return fetch(false);
    }

    /** A new access token whatever the cache holds: the API answered 401 to the cached one. */
    public synchronized String refreshed() {
        return fetch(true);
    }

    private String fetch(boolean force) {
        ServiceAccountCredentials c = credentials();
        try {
            if (force) {
                c.refresh();
            } else {
                c.refreshIfExpired();
            }
            return c.getAccessToken().getTokenValue();
        } catch (IOException e) {
            throw tokenRefused(c.getClientEmail(), e);
        }
    }

    private ServiceAccountCredentials credentials() {
        if (credentials == null) {
            String key = keyJson.get();
            checkKey(key);
            try {
                credentials = (ServiceAccountCredentials) ServiceAccountCredentials
                        .fromStream(new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)))
                        .createScoped(List.of(scope));
            } catch (IOException e) {
                // the library's message may quote the key's text: name the source only
                throw new NoToken("the Google service-account key from " + source + " cannot be read (" + e.getClass().getSimpleName() + ")", true);
            }
        }
        return credentials;
    }

    /** Names what a key lacks before the library reads it: its own parse errors could quote the key. */
    private void checkKey(String key) {
        JsonNode node;
        try {
            node = JSON.readTree(key);
        } catch (IOException e) {
            throw new NoToken("the Google service-account key from " + source + " is not JSON", true);
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("client_email", "private_key", "private_key_id", "token_uri")) {
            if (node == null || node.path(field).asText("").isBlank()) {
                missing.add(field);
            }
        }
        if (node != null && !node.path("type").asText("").equals("service_account")) {
            missing.add(0, "type \"service_account\"");
        }
        if (!missing.isEmpty()) {
            throw new NoToken("the Google service-account key from " + source + " lacks " + String.join(", ", missing), true);
        }
    }

    /**
     * The token endpoint's 4xx (invalid_grant: a revoked key, a bad signature, a skewed clock) names the account;
     * anything else (unreachable, 5xx after the library's own retries) is worth trying later.
     */
    private static NoToken tokenRefused(String email, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException r && r.getStatusCode() >= 400 && r.getStatusCode() < 500) {
                return new NoToken("Google refused an access token for service account " + email + ": " + r.getStatusCode() + " "
                        + tokenError(r.getContent()), true);
            }
        }
        return new NoToken("no access token for service account " + email + ": the token endpoint could not be reached ("
                + e.getClass().getSimpleName() + ")", false);
    }

    private static String tokenError(String content) {
        try {
            JsonNode body = JSON.readTree(content == null ? "" : content);
            if (body != null && body.has("error")) {
                String description = body.path("error_description").asText("");
                return body.path("error").asText() + (description.isEmpty() ? "" : " (" + description + ")");
            }
        } catch (IOException notJson) {
            // below
        }
        return "(no OAuth error in the answer)";
    }
}
