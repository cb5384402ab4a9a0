package dev.ringmaster.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sends a {@code slack} rule's message (REFERENCE-signals §5) through its incoming webhook ({@code url}: a reference
 * to the webhook URL) or through {@code chat.postMessage} ({@code token}: a reference to a bot token, {@code to}: one
 * channel). Slack takes about one message a second per channel, so sends to one channel are spaced a second apart;
 * 429 and 5xx are retried by {@link Http}, honouring Retry-After. What Slack refuses throws {@link NotSent} naming
 * Slack's error and the plan's reference, never the webhook URL or the token: both are secrets.
 */
public final class SlackNotifier implements Notifier {
    public static final URI API = URI.create("https://slack.com/api");
    public static final String API_ENV = "RINGMASTER_SLACK_API_URL";
    static final Duration SPACING = Duration.ofSeconds(1);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Webhook errors that only a new webhook URL fixes (the channel, the app or the webhook itself is gone). */
    private static final Set<String> WRONG_WEBHOOK = Set.of("action_prohibited", "channel_not_found", "channel_is_archived",
            "no_service", "no_team", "team_disabled", "invalid_token", "user_not_found", "posting_to_general_channel_denied");

    private final Secrets secrets;
    private final Http http;
    private final Clock clock;
    private final URI apiBase;
    private final Sleeper sleeper;
    /** When the last message to each channel was (or will be) sent: the webhook URL or the chat.postMessage channel. */
    private final Map<String, Instant> lastSent = new HashMap<>();

    /** Waits; tests pass one that moves their clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** A message Slack did not take; {@code permanent}: sending it again as it is cannot succeed. */
    public static final class NotSent extends RuntimeException {
        private final String error;
        private final boolean permanent;

        NotSent(String message, String error, boolean permanent) {
            super(message);
            this.error = error;
            this.permanent = permanent;
        }

        /** Slack's error code ("channel_not_found"), or the HTTP status when Slack gave none. */
        public String error() {
            return error;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    /** @param apiBase {@link #API}, or {@link #apiBase(Map)} for a stand-in */
    public SlackNotifier(Secrets secrets, Http http, Clock clock, URI apiBase) {
        this(secrets, http, clock, apiBase, d -> Thread.sleep(d.toMillis()));
    }

    public SlackNotifier(Secrets secrets, Http http, Clock clock, URI apiBase, Sleeper sleeper) {
        this.secrets = secrets;
        this.http = http;
        this.clock = clock;
        this.apiBase = apiBase;
        this.sleeper = sleeper;
    }

    /** {@code RINGMASTER_SLACK_API_URL} when set (a stand-in, a proxy), else {@code https://slack.com/api}. */
    public static URI apiBase(Map<String, String> env) {
        String v = env.get(API_ENV);
        return v == null || v.isBlank() ? API : URI.create(v.strip());
    }

    @Override
    public void send(NotifyRule rule, Message message) {
        if (!"slack".equals(rule.channel())) {
            throw new IllegalArgumentException("SlackNotifier sends slack rules, not '" + rule.channel() + "'");
        }
        ObjectNode payload = SlackBlocks.render(message);
        if (rule.url() != null) {
            webhook(rule.url(), payload);
        } else if (rule.token() != null && rule.to().size() == 1) {
            postMessage(rule.token(), rule.to().get(0), payload);
        } else {
            throw new IllegalArgumentException("a slack rule needs 'url' (an incoming webhook reference) or 'token' and one 'to'");
        }
    }

    /** Incoming webhook: 200 "ok", or a status with the error as plain text ("channel_not_found"). */
    private void webhook(String reference, ObjectNode payload) {
        String url = resolve(reference, "url");
        URI uri = uri(url, reference);
        HttpResponse<byte[]> r = paced(url, () -> post(HttpRequest.newBuilder(uri), payload, "webhook " + reference, url));
        if (r.statusCode() / 100 == 2) {
            return;
        }
        String error = scrub(firstLine(r), url);
        String known = error.isEmpty() ? "HTTP " + r.statusCode() : error;
        boolean wrongUrl = r.statusCode() == 403 || r.statusCode() == 404 || r.statusCode() == 410 || WRONG_WEBHOOK.contains(error);
        String hint = wrongUrl ? " (permanent: fix the plan's url reference " + reference + ")"
                : r.statusCode() == 400 ? " (permanent: Slack could not take ringmaster's message as it is)" : "";
        throw new NotSent("Slack webhook " + reference + " refused the message: " + r.statusCode() + " " + known + hint,
                known, r.statusCode() / 100 == 4);
    }

    /** chat.postMessage: HTTP 200 with {"ok":true,…} or {"ok":false,"error":"not_in_channel"}. */
    private void postMessage(String tokenReference, String channel, ObjectNode payload) {
        String token = resolve(tokenReference, "token");
        ObjectNode body = MAPPER.createObjectNode().put("channel", channel);
        body.setAll(payload);
        URI uri = URI.create(apiBase.toString().replaceAll("/+$", "") + "/chat.postMessage");
        String where = "chat.postMessage to " + channel;
        HttpResponse<byte[]> r = paced("chat.postMessage " + channel,
                () -> post(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token), body, where, token));
        if (r.statusCode() / 100 != 2) {
            throw new NotSent("Slack " + where + " answered HTTP " + r.statusCode() + ": " + scrub(Http.snippet(r), token),
                    "HTTP " + r.statusCode(), r.statusCode() / 100 == 4);
        }
        JsonNode answer;
        try {
            answer = MAPPER.readTree(r.body());
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.path("ok").isBoolean()) {
            throw new NotSent("Slack " + where + " answered with a body that is not Slack's JSON: " + scrub(Http.snippet(r), token),
                    "malformed", false);
        }
        if (answer.path("ok").asBoolean()) {
            return;
        }
        String error = answer.path("error").asText("unknown");
        throw new NotSent("Slack " + where + " refused the message: " + error + hint(error, tokenReference), error,
                !error.equals("ratelimited") && !error.equals("internal_error") && !error.equals("fatal_error"));
    }

    private static String hint(String error, String tokenReference) {
        return switch (error) {
            case "not_in_channel" -> " (invite the app to the channel: /invite @your-app)";
            case "channel_not_found" -> " (fix the plan's 'to', or invite the app to the private channel)";
            case "is_archived" -> " (the channel is archived: fix the plan's 'to')";
            case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired" ->
                    " (permanent: fix the plan's token reference " + tokenReference + ")";
            case "missing_scope" -> " (the app needs the chat:write scope)";
            case "msg_too_long", "msg_blocks_too_long", "invalid_blocks", "no_text", "too_many_attachments" ->
                    " (permanent: Slack could not take ringmaster's message as it is)";
            case "ratelimited" -> " (tried again on the next delivery)";
            default -> "";
        };
    }

    private HttpResponse<byte[]> post(HttpRequest.Builder request, ObjectNode payload, String where, String secret) {
        HttpRequest built = request.header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload.toString(), StandardCharsets.UTF_8)).build();
        try {
            return http.send(built);
        } catch (RolloutTarget.Unavailable e) {
            // Http names the request's path, which for a webhook is the secret itself
            throw new NotSent("Slack " + where + " unavailable, not sent: " + scrub(e.getMessage(), secret), "unavailable", false);
        }
    }

    /**
     * Sends once a second has passed since the channel's previous send ended (Slack counts arrivals; ours may take a
     * while on the way). The slot is taken before sleeping, so sends to one channel from several threads line up a
     * second apart instead of waking together.
     */
    private <T> T paced(String channel, java.util.function.Supplier<T> send) {
        Instant slot;
        synchronized (lastSent) {
            Instant now = clock.instant();
            Instant earliest = lastSent.containsKey(channel) ? lastSent.get(channel).plus(SPACING) : now;
            slot = earliest.isAfter(now) ? earliest : now;
            lastSent.put(channel, slot);
        }
        Duration wait = Duration.between(clock.instant(), slot);
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotSent("interrupted while waiting for Slack's one message a second per channel", "interrupted", false);
            }
        }
        try {
            return send.get();
        } finally {
            synchronized (lastSent) {
                Instant done = clock.instant();
                lastSent.merge(channel, done, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
    }

    private String resolve(String reference, String key) {
        if (!Secrets.isReference(reference)) {
            // never echo it: a plan that inlines a webhook URL or token has just leaked it once; not twice
            throw new IllegalArgumentException("slack '" + key + "' must be a reference (env:NAME, file:PATH, ssm:/…, secretsmanager:…), "
                    + "not the secret itself");
        }
        return secrets.resolve(reference).strip();
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
        throw new IllegalArgumentException("the secret behind " + reference + " is not an https:// webhook URL");
    }

    /** {@code text} without the secret, nor the URL's path or query (Http's messages name the path). */
    static String scrub(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = text.replace(secret, "[secret]");
        try {
            URI uri = URI.create(secret);
            for (String part : new String[] {uri.getRawPath(), uri.getPath(), uri.getRawQuery(), uri.getQuery()}) {
                if (part != null && part.length() > 1) {
                    out = out.replace(part, "[secret]");
                }
            }
        } catch (IllegalArgumentException notAUrl) {
            // a token: replaced above
        }
        return out;
    }

    private static String firstLine(HttpResponse<byte[]> r) {
        String body = new String(r.body(), StandardCharsets.UTF_8).strip();
        int nl = body.indexOf('\n');
        String line = nl < 0 ? body : body.substring(0, nl);
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }
}
