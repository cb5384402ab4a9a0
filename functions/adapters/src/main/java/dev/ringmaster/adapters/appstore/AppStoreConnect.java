package dev.ringmaster.adapters.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The App Store Connect API (REFERENCE-targets §2, §3): JSON:API bodies, an ES256 bearer token, errors as
 * {@code {"errors":[{"status","code","title","detail"}]}}. 429 and 5xx are retried by {@link Http} and end in
 * {@link RolloutTarget.Unavailable}; a 401 is tried once more with a fresh token (App Store Connect sometimes
 * refuses a good one); any other refusal is {@link RolloutTarget.Refused} with the API's code and detail.
 */
public final class AppStoreConnect {
    public static final URI DEFAULT_ENDPOINT = URI.create("https://api.appstoreconnect.apple.com");
    static final String SYSTEM = "App Store Connect";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Http http;
    private final AppStoreConnectToken token;

    /**
     * @param endpoint {@link #DEFAULT_ENDPOINT}, or a stand-in (RINGMASTER_APP_STORE_CONNECT_ENDPOINT)
     * @param clock    when tokens are minted and renewed
     */
    public AppStoreConnect(URI endpoint, HttpClient client, Http.Policy policy, AppStoreConnectKey key, Secrets secrets, Clock clock) {
        this.endpoint = endpoint;
        this.http = new Http(client, policy, SYSTEM);
        this.token = new AppStoreConnectToken(key, secrets, clock);
    }

    /** A path with its query, each value encoded; brackets in names too, as java.net.URI refuses them raw. */
    static String path(String path, String... namesAndValues) {
        StringBuilder b = new StringBuilder(path);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.append(i == 0 ? '?' : '&').append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
        }
        return b.toString();
    }

    /** The whole document ({@code data}, {@code included}, {@code links}). */
    JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, null).orRefuse();
    }

    /** Every {@code data} resource of a list, following {@code links.next} (its path and query, on this endpoint). */
    List<JsonNode> list(String pathAndQuery) {
        List<JsonNode> all = new ArrayList<>();
        String next = pathAndQuery;
        while (next != null) {
            JsonNode page = get(next);
            page.path("data").forEach(all::add);
            String link = page.path("links").path("next").asText("");
            if (link.isEmpty()) {
                next = null;
            } else {
                URI u = URI.create(link);
                next = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            }
        }
        return all;
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body).orRefuse();
    }

    JsonNode patch(String path, JsonNode body) {
        return send("PATCH", path, body).orRefuse();
    }

    void delete(String path, JsonNode body) {
        send("DELETE", path, body).orRefuse();
    }

    /** The answer, refusals included, for a caller that handles one itself (a duplicate locale's 409). */
    Reply send(String method, String pathAndQuery, JsonNode body) {
        HttpResponse<byte[]> response = http.send(request(method, pathAndQuery, body, token.current()));
        if (response.statusCode() == 401) {
            response = http.send(request(method, pathAndQuery, body, token.fresh()));
        }
        return reply(method, pathAndQuery, response);
    }

    private HttpRequest request(String method, String pathAndQuery, JsonNode body, String bearer) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.build();
    }

    private static Reply reply(String method, String pathAndQuery, HttpResponse<byte[]> response) {
        String where = method + " " + pathAndQuery.split("\\?", 2)[0];
        int status = response.statusCode();
        if (response.body().length == 0) {
            return new Reply(where, status, MissingNode.getInstance(), "");
        }
        try {
            return new Reply(where, status, JSON.readTree(response.body()), Http.snippet(response));
        } catch (IOException e) {
            if (status < 300) {
                // the change may have been made: the chain tries again later and every call is idempotent
                throw new RolloutTarget.Unavailable(SYSTEM + " answered " + status + " to " + where + " with a body that is not JSON: "
                        + Http.snippet(response));
            }
            return new Reply(where, status, MissingNode.getInstance(), Http.snippet(response));
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One answer: its status and JSON document (missing when there was no body, or it was not JSON). */
    record Reply(String where, int status, JsonNode document, String text) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Whether App Store Connect refused with this status and an error code starting with {@code codePrefix}. */
        boolean refusedWith(int expected, String codePrefix) {
            if (status != expected) {
                return false;
            }
            for (JsonNode e : document.path("errors")) {
                if (e.path("code").asText("").startsWith(codePrefix)) {
                    return true;
                }
            }
            return false;
        }

        JsonNode orRefuse() {
            if (ok()) {
                return document;
            }
            throw new RolloutTarget.Refused(SYSTEM + " refused " + where + ": " + reason());
        }

        /** "409 ENTITY_ERROR.ATTRIBUTE.INVALID: detail" for each error, or the status and the start of a body that is not JSON:API. */
        String reason() {
            List<String> reasons = new ArrayList<>();
            for (JsonNode e : document.path("errors")) {
                String detail = e.path("detail").asText(e.path("title").asText(""));
                reasons.add(e.path("status").asText(Integer.toString(status)) + " " + e.path("code").asText("?") + (detail.isEmpty() ? "" : ": " + detail));
            }
            if (reasons.isEmpty()) {
                return status + " " + (text.isEmpty() ? "(no body)" : text);
            }
            return String.join("; ", reasons);
        }
    }
}
