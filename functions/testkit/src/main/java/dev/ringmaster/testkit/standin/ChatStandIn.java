package dev.ringmaster.testkit.standin;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slack and Teams on a loopback port (REFERENCE-signals §5, §6), for end-to-end runs of the notifiers:
 * <ul>
 *   <li>{@code POST /services/…}: a Slack incoming webhook; 200 {@code ok}, or 400 {@code invalid_payload} (not JSON),
 *       {@code no_text} (neither text nor blocks), {@code invalid_blocks} (over 50 blocks) as plain text;</li>
 *   <li>{@code POST …/chat.postMessage}: the Slack Web API; always HTTP 200 with {@code {"ok":true,"channel","ts"}} or
 *       {@code {"ok":false,"error"}}: {@code not_authed} / {@code invalid_auth} (no bot or user token),
 *       {@code channel_not_found}, {@code no_text}, {@code invalid_blocks}, {@code msg_blocks_too_long};</li>
 *   <li>any other path: a Teams Workflows webhook; 401 without {@code sig=}, 400 for a body that is not JSON, 413 over
 *       28 KB, else 202 with an empty body. Like the real flow, a 202 does not mean the card was posted: only an
 *       Adaptive Card in the {@code message} envelope is recorded.</li>
 * </ul>
 * Accepted messages are recorded in arrival order with their channel: the webhook's path, chat.postMessage's
 * {@code channel}, or the flow's path.
 */
public final class ChatStandIn implements AutoCloseable {
    static final int TEAMS_MAX_BYTES = 28 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Clock clock;
    private final List<Received> slack = new ArrayList<>();
    private final List<Received> teams = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private boolean down;
    private long posted;

    /** One accepted message: where it went, its parsed JSON body and when it arrived. */
    public record Received(String channel, JsonNode body, Instant at) {
    }

    private static final class Fault {
        final String suffix;
        final ResponseDefinition answer;
        int times;

        Fault(String suffix, ResponseDefinition answer, int times) {
            this.suffix = suffix;
            this.answer = answer;
            this.times = times;
        }
    }

    private ChatStandIn(Clock clock) {
        this.clock = clock;
        this.server = StandInServer.create("chat-stand-in", this::handle);
    }

    /** A stand-in on a free loopback port, timing arrivals by the system clock. */
    public static ChatStandIn start() {
        return start(Clock.systemUTC());
    }

    public static ChatStandIn start(Clock clock) {
        ChatStandIn standIn = new ChatStandIn(clock);
        StandInServer.start(standIn.server);
        return standIn;
    }

    /**
     * {@code http://127.0.0.1:PORT} + path: {@code url("/services/T0/B0/x")} for a webhook, {@code url("/api")} as
     * RINGMASTER_SLACK_API_URL, {@code url("/workflows/ID/triggers/manual/paths/invoke?api-version=1&sig=…")} for Teams.
     */
    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Slack messages taken, webhook and chat.postMessage alike, in arrival order. */
    public synchronized List<Received> slackMessages() {
        return List.copyOf(slack);
    }

    /** Teams cards taken, in arrival order. */
    public synchronized List<Received> teamsMessages() {
        return List.copyOf(teams);
    }

    /**
     * The next {@code times} requests whose path (without query) ends with {@code pathSuffix} get this answer instead,
     * and are not recorded: {@code failNext("/chat.postMessage", 429, "", Map.of("Retry-After", "1"), 1)},
     * {@code failNext("/B0/x", 404, "channel_not_found", Map.of(), 1)}, {@code failNext("/chat.postMessage", 200,
     * "{\"ok\":false,\"error\":\"not_in_channel\"}", Map.of("Content-Type", "application/json"), 1)}.
     */
    public synchronized void failNext(String pathSuffix, int status, String body, Map<String, String> headers, int times) {
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(status).withBody(body == null ? "" : body);
        headers.forEach(b::withHeader);
        faults.add(new Fault(pathSuffix, b.build(), times));
    }

    /** While down, every request answers 503, as in an outage; nothing is recorded. */
    public synchronized void down(boolean down) {
        this.down = down;
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized ResponseDefinition handle(Request request) {
        String[] pathAndQuery = request.getUrl().split("\\?", 2);
        String path = pathAndQuery[0];
        String query = pathAndQuery.length > 1 ? pathAndQuery[1] : "";
        if (down) {
            return response(503, "text/html", "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
        }
        for (Fault f : faults) {
            if (f.times > 0 && path.endsWith(f.suffix)) {
                f.times--;
                return f.answer;
            }
        }
        if (!request.getMethod().getName().equals("POST")) {
            return response(405, "text/plain", "method_not_allowed");
        }
        if (path.startsWith("/services/")) {
            return webhook(path, request);
        }
        if (path.endsWith("/chat.postMessage")) {
            return postMessage(request);
        }
        return workflow(path, query, request);
    }

    private ResponseDefinition webhook(String path, Request request) {
        JsonNode body = json(request);
        if (body == null) {
            return response(400, "text/html", "invalid_payload");
        }
        if (!hasContent(body)) {
            return response(400, "text/html", "no_text");
        }
        if (body.path("blocks").size() > 50) {
            return response(400, "text/html", "invalid_blocks");
        }
        slack.add(new Received(path, body, clock.instant()));
        return response(200, "text/html", "ok");
    }

    private ResponseDefinition postMessage(Request request) {
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return slackError("not_authed");
        }
        if (!auth.startsWith("Bearer xoxb-") && !auth.startsWith("Bearer xoxp-")) {
            return slackError("invalid_auth");
        }
        JsonNode body = json(request);
        if (body == null) {
            return slackError("invalid_json");
        }
        String channel = body.path("channel").asText("");
        if (channel.isBlank()) {
            return slackError("channel_not_found");
        }
        if (!hasContent(body)) {
            return slackError("no_text");
        }
        if (body.path("blocks").size() > 50) {
            return slackError("invalid_blocks");
        }
        if (body.path("blocks").toString().length() > 13_000) {
            return slackError("msg_blocks_too_long");
        }
        Instant at = clock.instant();
        slack.add(new Received(channel, body, at));
        String ts = at.getEpochSecond() + "." + String.format("%06d", ++posted * 100);
        String id = channel.startsWith("#") ? "C" + String.format("%010X", channel.hashCode() & 0xffffffffL) : channel;
        return response(200, "application/json; charset=utf-8",
                "{\"ok\":true,\"channel\":\"" + id + "\",\"ts\":\"" + ts + "\",\"message\":{\"type\":\"message\",\"subtype\":\"bot_message\","
                        + "\"text\":" + body.path("text").toString() + ",\"ts\":\"" + ts + "\"}}");
    }

    private ResponseDefinition workflow(String path, String query, Request request) {
        if (!query.contains("sig=")) {
            return logicAppsError(401, "DirectApiAuthorizationRequired", "The request must be authenticated only by Shared Access scheme.");
        }
        if (request.getBody().length > TEAMS_MAX_BYTES) {
            return logicAppsError(413, "MessageTooLarge", "The request content length exceeds the limit of " + TEAMS_MAX_BYTES + " bytes.");
        }
        JsonNode body = json(request);
        if (body == null) {
            return logicAppsError(400, "InvalidRequestContent", "The input body for trigger 'manual' of type 'Request' must be of type JSON.");
        }
        JsonNode attachment = body.path("attachments").path(0);
        if ("message".equals(body.path("type").asText()) && "application/vnd.microsoft.card.adaptive".equals(attachment.path("contentType").asText())
                && "AdaptiveCard".equals(attachment.path("content").path("type").asText())) {
            teams.add(new Received(path, body, clock.instant()));
        }
        // accepted either way: a card the flow cannot post fails later, in its run history
        return new ResponseDefinition(202, "");
    }

    private static boolean hasContent(JsonNode body) {
        return !body.path("text").asText("").isBlank() || body.path("blocks").size() > 0;
    }

    /** The body as a JSON object, or null. */
    private static JsonNode json(Request request) {
        try {
            JsonNode node = JSON.readTree(new String(request.getBody(), StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static ResponseDefinition slackError(String error) {
        return response(200, "application/json; charset=utf-8", "{\"ok\":false,\"error\":\"" + error + "\"}");
    }

    private static ResponseDefinition logicAppsError(int status, String code, String message) {
        return response(status, "application/json; charset=utf-8",
                "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}}");
    }

    private static ResponseDefinition response(int status, String contentType, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", contentType).withBody(body).build();
    }
}
