package dev.ringmaster.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.http.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The OCI distribution error body {@code {"errors":[{"code","message","detail"}]}} as words for a refusal. */
final class RegistryErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryErrors() {
    }

    /** "404 MANIFEST_UNKNOWN manifest unknown (…detail…)"; the status and body start when the body is not that shape. */
    static String describe(HttpResponse<byte[]> response) {
        List<String> errors = new ArrayList<>();
        try {
            JsonNode body = response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
            for (JsonNode e : body.path("errors")) {
                String detail = e.path("detail").isMissingNode() || e.path("detail").isNull() ? "" : " (" + text(e.path("detail")) + ")";
                errors.add(e.path("code").asText("?") + " " + e.path("message").asText("") + detail);
            }
        } catch (IOException notJson) {
            // falls through to the status and body start
        }
        if (errors.isEmpty()) {
            String snippet = Http.snippet(response);
            return response.statusCode() + (snippet.isEmpty() ? "" : " " + snippet);
        }
        return response.statusCode() + " " + String.join("; ", errors);
    }

    private static String text(JsonNode detail) {
        String s = detail.isTextual() ? detail.asText() : detail.toString();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
