package dev.ringmaster.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Sends a {@code teams} rule's message to a Teams Workflows webhook (REFERENCE-signals §6; the old Office 365
 * connectors are retired): {@code url} is a reference to the flow's URL, whose {@code sig=} is the secret. The flow
 * answers 202 before it runs, so a card it cannot post fails only in its run history: {@link TeamsCards} keeps the
 * card to what Teams shows. 429 and 5xx are retried by {@link Http}; anything else throws {@link NotSent} naming the
 * status and the plan's reference, never the URL.
 */
public final class TeamsNotifier implements Notifier {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Secrets secrets;
    private final Http http;

    /** A card the flow did not take; {@code permanent}: sending it again as it is cannot succeed. */
    public static final class NotSent extends RuntimeException {
        private final int status;
        private final boolean permanent;

        NotSent(String message, int status, boolean permanent) {
            super(message);
            this.status = status;
            this.permanent = permanent;
        }

        /** The HTTP status, 0 when the flow was not reached. */
        public int status() {
            return status;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    public TeamsNotifier(Secrets secrets, Http http) {
        this.secrets = secrets;
        this.http = http;
    }

    @Override
    public void send(NotifyRule rule, Message message) {
        if (!"teams".equals(rule.channel())) {
            throw new IllegalArgumentException("TeamsNotifier sends teams rules, not '" + rule.channel() + "'");
        }
        String reference = rule.url();
        if (!Secrets.isReference(reference)) {
            // never echo it: the URL's sig= is the flow's only key
            throw new IllegalArgumentException("teams 'url' must be a reference (env:NAME, file:PATH, ssm:/…, secretsmanager:…), "
                    + "not the Workflows URL itself");
        }
        String url = secrets.resolve(reference).strip();
        HttpRequest request = HttpRequest.newBuilder(uri(url, reference))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(TeamsCards.render(message).toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> r;
        try {
            r = http.send(request);
        } catch (RolloutTarget.Unavailable e) {
            // Http names the request's path: the flow's id, next to its key
            throw new NotSent("Teams workflow " + reference + " unavailable, not sent: " + scrub(e.getMessage(), url), 0, false);
        }
        if (r.statusCode() / 100 == 2) {
            return;
        }
        String error = scrub(error(r), url);
        String hint = switch (r.statusCode()) {
            case 400 -> " (permanent: the flow could not read the card)";
            case 401, 403, 404 -> " (permanent: the flow was deleted, turned off or its URL regenerated: fix the plan's url reference "
                    + reference + ")";
            case 413 -> " (permanent: the card is over Teams' 28 KB)";
            default -> "";
        };
        throw new NotSent("Teams workflow " + reference + " refused the card: HTTP " + r.statusCode()
                + (error.isEmpty() ? "" : " " + error) + hint, r.statusCode(), r.statusCode() / 100 == 4);
    }

    /** Logic Apps' error body {"error":{"code","message"}}, or the body's start. */
    private static String error(HttpResponse<byte[]> r) {
        try {
            JsonNode e = MAPPER.readTree(r.body()).path("error");
            if (e.path("code").isTextual()) {
                String message = e.path("message").asText("");
                return e.path("code").asText() + (message.isEmpty() ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message));
            }
        } catch (IOException | RuntimeException notJson) {
            // the start of the body below
        }
        return Http.snippet(r);
    }

    private static URI uri(String url, String reference) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() != null && (uri.getScheme().equals("https") || uri.getScheme().equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // its message quotes the URL
        }
        throw new IllegalArgumentException("the secret behind " + reference + " is not an https:// Workflows URL");
    }

    /** {@code text} without the URL, nor its path or query (Http's messages name the path). */
    private static String scrub(String text, String url) {
        if (text == null) {
            return "";
        }
        String out = text.replace(url, "[secret]");
        URI uri = URI.create(url);
        for (String part : new String[] {uri.getRawQuery(), uri.getQuery(), uri.getRawPath(), uri.getPath()}) {
            if (part != null && part.length() > 1) {
                out = out.replace(part, "[secret]");
            }
        }
        for (String param : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            String value = param.substring(param.indexOf('=') + 1);
            if (value.length() >= 8) {
                // sig= alone is the key
                out = out.replace(value, "[secret]");
            }
        }
        return out;
    }
}
