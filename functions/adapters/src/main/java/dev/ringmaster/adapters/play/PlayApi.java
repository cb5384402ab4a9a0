package dev.ringmaster.adapters.play;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The Android Publisher edits calls for one package (REFERENCE-targets §1). Each call carries the cached token;
 * a 401 fetches a new token and tries once more. An answer that says the edit is gone throws {@link EditInvalidated}
 * (the caller starts again); any other 4xx is a {@link RolloutTarget.Refused} with the API's reason.
 */
final class PlayApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final PlayCredentials credentials;
    private final Http http;
    private final String packageName;

    PlayApi(URI endpoint, PlayCredentials credentials, Http http, String packageName) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = http;
        this.packageName = packageName;
    }

    /** edits.insert: a new edit, its id. */
    String insertEdit() {
        JsonNode edit = call("POST", "/edits", "{}", "edits.insert");
        String id = edit.path("id").asText("");
        if (id.isEmpty()) {
            throw malformed("edits.insert", "no edit id");
        }
        return id;
    }

    /** edits.tracks.get: the Track ({@code track}, {@code releases[]}; an empty track has no releases). */
    JsonNode getTrack(String editId, String track) {
        return checkedTrack(call("GET", edit(editId) + "/tracks/" + segment(track), null, "edits.tracks.get"), "edits.tracks.get");
    }

    /** edits.tracks.update: replaces the whole track with {@code desired}. */
    void putTrack(String editId, String track, JsonNode desired) {
        checkedTrack(call("PUT", edit(editId) + "/tracks/" + segment(track), desired.toString(), "edits.tracks.update"),
                "edits.tracks.update");
    }

    /** edits.commit: makes every change in the edit live. */
    void commit(String editId) {
        if (call("POST", edit(editId) + ":commit", null, "edits.commit").path("id").asText("").isEmpty()) {
            throw malformed("edits.commit", "no edit id");
        }
    }

    /** edits.delete, best effort: an edit left open expires by itself and the next insert replaces it. */
    void deleteQuietly(String editId) {
        try {
            send("DELETE", edit(editId), null);
        } catch (RuntimeException ignored) {
            // nothing was changed through this edit
        }
    }

    private String edit(String editId) {
        return "/edits/" + segment(editId);
    }

    private JsonNode checkedTrack(JsonNode track, String operation) {
        if (!track.path("track").isTextual()) {
            throw malformed(operation, "no track name");
        }
        if (track.has("releases") && !track.get("releases").isArray()) {
            throw malformed(operation, "releases that are not a list");
        }
        for (JsonNode release : track.path("releases")) {
            if (!release.path("status").isTextual()) {
                throw malformed(operation, "a release without a status");
            }
        }
        return track;
    }

    private JsonNode call(String method, String path, String body, String operation) {
        HttpResponse<byte[]> response = send(method, path, body);
        if (response.statusCode() / 100 != 2) {
            PlayError error = PlayError.of(response);
            if (error.editInvalidated()) {
                throw new EditInvalidated(operation + " of " + packageName + ": " + error);
            }
            throw new RolloutTarget.Refused("Google Play refused " + operation + " of " + packageName + ": " + error);
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw malformed(operation, "an empty body");
            }
            return node;
        } catch (IOException e) {
            throw malformed(operation, "a body that is not JSON");
        }
    }

    private HttpResponse<byte[]> send(String method, String path, String body) {
        HttpResponse<byte[]> response = http.send(request(method, path, body, credentials.token()));
        if (response.statusCode() == 401) {
            // the cached token was revoked or expired early: one new token, one more try
            response = http.send(request(method, path, body, credentials.refreshedToken()));
        }
        return response;
    }

    private HttpRequest request(String method, String path, String body, String token) {
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + "/androidpublisher/v3/applications/"
                + segment(packageName) + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json; charset=UTF-8")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private RolloutTarget.Unavailable malformed(String operation, String what) {
        return new RolloutTarget.Unavailable("Google Play answered " + operation + " of " + packageName + " with " + what);
    }

    /** A path segment: track names may hold a colon (wear:production), kept readable since RFC 3986 allows it. */
    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }

    /** The edit was invalidated or lost a race; a fresh edit may succeed. */
    static final class EditInvalidated extends RuntimeException {
        EditInvalidated(String message) {
            super(message);
        }
    }
}
