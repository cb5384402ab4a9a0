package dev.ringmaster.adapters.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.notify.ChannelUrl;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Channel {@code statuspage} (REFERENCE-signals §10): tells customers through an Atlassian Statuspage incident, one
 * per rollout. No incident id is stored: the rollout's incident is the unresolved one whose name starts with
 * {@code [ringmaster <rolloutId>]}, found with one GET before each change, then PATCHed, or POSTed when there is
 * none. What each event does to it is {@link IncidentChange}. Calls with one API key are spaced a second apart;
 * 429 is retried by {@link Http}, Statuspage's own 420 here.
 */
public final class StatuspageNotifier implements Notifier {
    public static final URI API = URI.create("https://api.statuspage.io/v1");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final int RATE_LIMITED_ATTEMPTS = 4;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(20);

    /** Waits: {@code Thread.sleep} in a deployment, a recording clock in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Secrets secrets;
    private final Http http;
    private final URI apiBase;
    private final Pacer pacer;

    /** @param apiBase {@link #API}, or a stand-in; a rule's {@code url} overrides it */
    public StatuspageNotifier(Secrets secrets, Http http, URI apiBase) {
        this(secrets, http, apiBase, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    public StatuspageNotifier(Secrets secrets, Http http, URI apiBase, Clock clock, Sleeper sleeper) {
        this.secrets = secrets;
        this.http = http;
        this.apiBase = apiBase;
        this.pacer = new Pacer(clock, sleeper, Duration.ofSeconds(1));
    }

    /** The start of every incident name this rollout owns. */
    public static String marker(String rolloutId) {
        return "[ringmaster " + rolloutId + "]";
    }

    @Override
    public void send(NotifyRule rule, Message message) {
        String page = rule.page();
        if (page == null || !ID.matcher(page).matches()) {
            throw new IllegalArgumentException("statuspage rule: page " + (page == null ? "is missing" : "'" + page + "' is not a page id"));
        }
        if (rule.token() == null || rule.token().isBlank()) {
            throw new IllegalArgumentException("statuspage rule for page " + page + " has no 'token': a reference to the API key");
        }
        rule.components().stream().filter(c -> !ID.matcher(c).matches()).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException("statuspage rule for page " + page + ": component '" + c + "' is not a component id");
        });
        Call call = new Call(rule, message, page, secrets.resolve(rule.token()));
        IncidentChange change = IncidentChange.of(message.event(), message.severity());
        JsonNode open = call.openIncident();
        if (open == null) {
            if (change.kind() == IncidentChange.Kind.RESOLVE) {
                return; // nothing open to resolve: customers were told of nothing, so there is nothing to tell them
            }
            call.send("POST", "/incidents", body(rule, message, change, true), "create incident");
        } else {
            IncidentChange onto = change.onto(open.path("status").asText(""));
            call.send("PATCH", "/incidents/" + open.path("id").asText(), body(rule, message, onto, false), "update incident");
        }
    }

    private static String body(NotifyRule rule, Message m, IncidentChange change, boolean create) {
        ObjectNode incident = JSON.createObjectNode();
        incident.put("name", name(m));
        incident.put("status", change.status());
        if (change.impact() != null && (create || change.kind() == IncidentChange.Kind.PROBLEM)) {
            incident.put("impact_override", change.impact());
        }
        incident.put("body", m.text() == null || m.text().isBlank() ? m.title() : m.text().strip());
        if (change.components() != null && !rule.components().isEmpty()) {
            rule.components().forEach(incident.putArray("component_ids")::add);
            ObjectNode components = incident.putObject("components");
            rule.components().forEach(c -> components.put(c, change.components()));
        }
        incident.put("deliver_notifications", true);
        ObjectNode root = JSON.createObjectNode();
        root.set("incident", incident);
        return root.toString();
    }

    /** "[ringmaster android-2-1-0] com.example.vpn 2.1.0: halted in ring-3". */
    static String name(Message m) {
        String app = m.details().app() != null ? m.details().app() : m.rolloutId();
        String version = m.details().version() != null ? " " + m.details().version() : "";
        String phase = m.details().phase() != null ? " in " + m.details().phase() : "";
        return marker(m.rolloutId()) + " " + app + version + ": " + m.event().key + phase;
    }

    /** One send's calls: the base, the key, and what to say when a call fails. */
    private final class Call {
        private final NotifyRule rule;
        private final Message message;
        private final String page;
        private final String key;
        private final ChannelUrl override;
        private final URI base;

        Call(NotifyRule rule, Message message, String page, String key) {
            this.rule = rule;
            this.message = message;
            this.page = page;
            this.key = key;
            this.override = rule.url() == null ? null : ChannelUrl.of(rule.url(), secrets, "statuspage url");
            this.base = override == null ? apiBase : override.uri();
        }

        /** The unresolved incident whose name starts with the rollout's marker, or null. */
        JsonNode openIncident() {
            HttpResponse<byte[]> r = send("GET", "/incidents/unresolved", null, "list unresolved incidents");
            JsonNode list;
            try {
                list = JSON.readTree(r.body());
            } catch (IOException e) {
                list = null;
            }
            if (list == null || !list.isArray()) {
                throw failure("list unresolved incidents", "an answer that is not a list of incidents: " + Http.snippet(r));
            }
            String marker = marker(message.rolloutId());
            for (JsonNode incident : list) {
                if (incident.path("name").asText("").startsWith(marker) && !incident.path("id").asText("").isEmpty()) {
                    return incident;
                }
            }
            return null;
        }

        HttpResponse<byte[]> send(String method, String path, String body, String what) {
            URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/pages/" + page + path);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "OAuth " + key)
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            for (int attempt = 1; ; attempt++) {
                pacer.await(rule.token());
                HttpResponse<byte[]> r;
                try {
                    r = http.send(request);
                } catch (RolloutTarget.Unavailable e) {
                    throw failure(what, redact(e.getMessage()));
                }
                if (r.statusCode() / 100 == 2) {
                    return r;
                }
                // 420 is Statuspage's own "too many requests", which the shared Http does not know.
                if (r.statusCode() == 420 && attempt < RATE_LIMITED_ATTEMPTS) {
                    Duration wait = retryAfter(r).orElse(Duration.ofSeconds(1L << (attempt - 1)));
                    if (wait.compareTo(LONGEST_WAIT) <= 0) {
                        pacer.pause(wait);
                        continue;
                    }
                }
                String snippet = Http.snippet(r);
                throw failure(what, "HTTP " + r.statusCode() + (r.statusCode() == 420 ? " (rate limited)" : "")
                        + (snippet.isEmpty() ? "" : ": " + redact(snippet)));
            }
        }

        private String redact(String text) {
            String out = override == null ? text : override.redact(text);
            return key.length() < 4 ? out : out.replace(key, "…");
        }

        private IllegalStateException failure(String what, String why) {
            return new IllegalStateException("Statuspage " + what + " on page " + page + " (" + message.event() + " of "
                    + message.rolloutId() + ") failed: " + why);
        }
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> r) {
        return r.headers().firstValue("Retry-After").map(String::strip).flatMap(v -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException notSeconds) {
                return java.util.Optional.empty();
            }
        });
    }
}
