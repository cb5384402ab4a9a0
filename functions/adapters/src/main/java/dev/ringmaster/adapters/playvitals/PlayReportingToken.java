package dev.ringmaster.adapters.playvitals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.port.MetricSource;
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
 * Access tokens for the Play Developer Reporting API from a Google service-account key, through Google's auth
 * library (it signs the JWT, posts it to the key's {@code token_uri} and caches the token until it nears expiry). A
 * plain {@link Supplier} for {@link PlayVitalsMetricSource}, plus {@link #refreshed()}, which the source calls when the
 * API answers 401 to the cached token. The key is read on first use; neither key nor token ever appears in a message.
 */
public final class PlayReportingToken implements Supplier<String> {
    public static final String SCOPE = "https://www.googleapis.com/auth/playdeveloperreporting";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Supplier<String> keyJson;
    private ServiceAccountCredentials credentials;

    private PlayReportingToken(String source, Supplier<String> keyJson) {
        this.source = source;
        this.keyJson = keyJson;
    }

    /**
     * The key behind a credential reference (spec.sources.play-vitals.credentials: {@code file:}, {@code env:},
     * {@code ssm:/…}, {@code secretsmanager:…}); with none, the key file named by {@code GOOGLE_APPLICATION_CREDENTIALS}.
     */
    public static PlayReportingToken fromReference(String reference, Secrets secrets, Map<String, String> env) {
        if (reference != null && !reference.isBlank()) {
            return new PlayReportingToken(reference, () -> {
                try {
                    return secrets.resolve(reference);
                } catch (Secrets.Unresolved e) {
                    throw new MetricSource.Unavailable("no Google service-account key for Play vitals: " + e.getMessage());
                }
            });
        }
        String path = env.get("GOOGLE_APPLICATION_CREDENTIALS");
        String source = "GOOGLE_APPLICATION_CREDENTIALS=" + path;
        return new PlayReportingToken(source, () -> {
            if (path == null || path.isBlank()) {
                throw new MetricSource.Unavailable("no Google service-account key for Play vitals: set "
                        + "spec.sources.play-vitals.credentials to a reference, or GOOGLE_APPLICATION_CREDENTIALS to the key file");
            }
            try {
                return Files.readString(Path.of(path), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MetricSource.Unavailable("no Google service-account key for Play vitals: cannot read " + source
                        + " (" + e.getClass().getSimpleName() + ")");
            }
        });
    }

    /** The key JSON itself (a stand-in's generated key). */
    public static PlayReportingToken fromKeyJson(String keyJson) {
        return new PlayReportingToken("the given key", () -> keyJson);
    }

    /** The cached token, fetched anew when it has expired. */
    @Override
    public synchronized String get() {
        return fetch(false);
    }

    /** A new token whatever the cache holds: the API refused the cached one. */
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
                        .createScoped(List.of(SCOPE));
            } catch (IOException e) {
                // the library's message may quote the key: name the source only
                throw new MetricSource.Unavailable("the Google service-account key from " + source + " cannot be read ("
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
            throw new MetricSource.Unavailable("the Google service-account key from " + source + " is not JSON");
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
            throw new MetricSource.Unavailable("the Google service-account key from " + source + " lacks " + String.join(", ", missing));
        }
    }

    /** The token endpoint's answer (invalid_grant: a revoked key, a skewed clock) or the fact it was not reached. */
    private static MetricSource.Unavailable tokenRefused(String email, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException r && r.getStatusCode() >= 400 && r.getStatusCode() < 500) {
                return new MetricSource.Unavailable("Google refused an access token for service account " + email + ": "
                        + r.getStatusCode() + " " + tokenError(r.getContent()));
            }
        }
        return new MetricSource.Unavailable("no access token for service account " + email + ": the token endpoint could "
                + "not be reached (" + e.getClass().getSimpleName() + ")");
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
