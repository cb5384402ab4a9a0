package dev.ringmaster.adapters.play;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.http.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * A Google API error answer (REFERENCE-targets §1): {@code {"error":{"code","message","errors":[{"domain","message",
 * "reason"}],"status"}}}. A body of another shape (a proxy's page) keeps its start as the message.
 */
record PlayError(int code, String reason, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static PlayError of(HttpResponse<byte[]> response) {
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            if (error.isObject()) {
                String reason = error.path("errors").path(0).path("reason").asText(error.path("status").asText(""));
                return new PlayError(response.statusCode(), reason, error.path("message").asText(""));
            }
        } catch (IOException notJson) {
            // falls through to the body's start
        }
        return new PlayError(response.statusCode(), "", Http.snippet(response));
    }

    /**
     * The edit can no longer be used and a fresh one may succeed: another commit or a Console change invalidated it
     * (400 "This Edit has been deleted.", older 410 editDeleted), it expired, or a concurrent update won (409).
     */
    boolean editInvalidated() {
        String m = message.toLowerCase(Locale.ROOT);
        return code == 409 || code == 410 || reason.equals("editDeleted")
                || m.contains("edit has been deleted") || m.contains("edit has expired");
    }

    @Override
    public String toString() {
        return code + (reason.isEmpty() ? "" : " " + reason) + (message.isEmpty() ? "" : ": " + message);
    }
}
