package dev.ringmaster.adapters.play;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.port.RolloutTarget;
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
 * Access tokens for the Android Publisher API from a Google service-account key, through Google's auth library:
 * it signs the JWT, posts it to the key's {@code token_uri} and caches the token until it is about to expire. The
 * key is read on first use (a Lambda that never touches Play never resolves it). Neither key nor token ever
 * appears in a message: a refusal names the service account's email.
 */
public final class PlayCredentials {
    static final String SCOPE = "https://www.googleapis.com/auth/androidpublisher";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Supplier<String> keyJson;
    private ServiceAccountCredentials credentials;

    private PlayCredentials(String source, Supplier<String> keyJson) {
        this.source = source;
        this.keyJson = keyJson;
    }

    /**
     * The key JSON behind a credential reference ({@code file:/path/key.json}, {@code ssm:/…}, {@code env:NAME});
     * with no reference, the key file named by {@code GOOGLE_APPLICATION_CREDENTIALS} in {@code env}.
     */
    public static PlayCredentials fromReference(String reference, Secrets secrets, Map<String, String> env) {
        if (reference != null && !reference.isBlank()) {
            return new PlayCredentials(reference, () -> {
                try {
                    return secrets.resolve(reference);
                } catch (Secrets.Unresolved e) {
                    throw new RolloutTarget.Refused("no Google service-account key: " + e.getMessage());
                }
            });
        }
        String path = env.get("GOOGLE_APPLICATION_CREDENTIALS");
        String source = "GOOGLE_APPLICATION_CREDENTIALS=" + path;
        return new PlayCredentials(source, () -> {
            if (path == null || path.isBlank()) {
                throw new RolloutTarget.Refused("no Google service-account key: configure a credential reference or set "
                        + "GOOGLE_APPLICATION_CREDENTIALS to the key file");
            }
            try {
                return Files.readString(Path.of(path), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RolloutTarget.Refused("no Google service-account key: cannot read " + source + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        });
    }

    /** The key JSON itself (the stand-in's generated key, a key already fetched by the caller). */
    public static PlayCredentials fromKeyJson(String keyJson) {
        return new PlayCredentials("the given key", () -> keyJson);
    }

    /** The cached access token, fetched anew when it has expired. */
    synchronized String token() {
        return fetch(false);
    }

    /** A new access token whatever the cache holds: the API answered 401 to the cached one. */
    synchronized String refreshedToken() {
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
                GoogleCredentials scoped = ServiceAccountCredentials
                        .fromStream(new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)))
                        .createScoped(List.of(SCOPE));
                credentials = (ServiceAccountCredentials) scoped;
            } catch (IOException e) {
                // the library's message may quote the key's text: name the source only
                throw new RolloutTarget.Refused("the Google service-account key from " + source + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
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
            throw new RolloutTarget.Refused("the Google service-account key from " + source + " is not JSON");
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
            throw new RolloutTarget.Refused("the Google service-account key from " + source + " lacks " + String.join(", ", missing));
        }
    }

    /**
     * The token endpoint's 4xx (invalid_grant: a revoked key, a bad signature, a skewed clock) is a refusal that
     * names the account; anything else (unreachable, 5xx after the library's own retries) is worth trying later.
     */
    private static RuntimeException tokenRefused(String email, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException r && r.getStatusCode() >= 400 && r.getStatusCode() < 500) {
                return new RolloutTarget.Refused("Google refused an access token for service account " + email + ": "
                        + r.getStatusCode() + " " + tokenError(r.getContent()));
            }
        }
        return new RolloutTarget.Unavailable("no access token for service account " + email + ": the token endpoint "
                + "could not be reached (" + e.getClass().getSimpleName() + ")");
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
