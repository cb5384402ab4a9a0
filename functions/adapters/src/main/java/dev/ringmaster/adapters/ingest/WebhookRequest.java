package dev.ringmaster.adapters.ingest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One webhook delivery as the HTTP layer (the Lambda function URL, {@code run --listen}) received it, before anything
 * was checked: {@code POST /webhooks/{kind}}, its headers, its exact body bytes (signatures are over those) and its
 * query parameters.
 *
 * @param headers names are case-insensitive in HTTP, so they are kept in lower case; a name given twice (in two cases)
 *                is joined with a comma, as HTTP folds repeated fields
 */
public record WebhookRequest(String kind, Map<String, String> headers, byte[] body, Map<String, String> query) {

    public WebhookRequest {
        Map<String, String> lower = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
                }
            });
        }
        headers = Map.copyOf(lower);
        Map<String, String> q = new LinkedHashMap<>();
        if (query != null) {
            query.forEach((name, value) -> {
                if (name != null && value != null) {
                    q.put(name, value);
                }
            });
        }
        query = Map.copyOf(q);
        body = body == null ? new byte[0] : body;
    }

    /** The header's value, or null; {@code name} in any case. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Header names only: their values carry signatures and tokens, which never reach a log. */
    @Override
    public String toString() {
        return "WebhookRequest[kind=" + kind + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes, query=" + query.keySet() + "]";
    }
}
