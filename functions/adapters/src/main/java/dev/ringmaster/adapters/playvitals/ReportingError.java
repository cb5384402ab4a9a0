package dev.ringmaster.adapters.playvitals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.http.Http;
import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * A Google API error answer (REFERENCE-signals §1): {@code {"error":{"code","message","status"}}}. A body of another
 * shape (a proxy's page) keeps its start as the message.
 */
record ReportingError(int code, String status, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ReportingError of(HttpResponse<byte[]> response) {
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            if (error.isObject()) {
                return new ReportingError(response.statusCode(), error.path("status").asText(""), error.path("message").asText(""));
            }
        } catch (IOException notJson) {
            // falls through to the body's start
        }
        return new ReportingError(response.statusCode(), "", Http.snippet(response));
    }

    /** What to do about it, where the answer alone does not say. */
    String hint() {
        return switch (code) {
            case 401 -> " (a fresh token was refused too: check the service-account key)";
            case 403 -> " (the service account needs Play Console's \"View app information (read-only)\" for this app)";
            case 404 -> " (is the package name right, and is the app on this Play Console account?)";
            default -> "";
        };
    }

    @Override
    public String toString() {
        return code + (status.isEmpty() ? "" : " " + status) + (message.isEmpty() ? "" : ": " + message);
    }
}
